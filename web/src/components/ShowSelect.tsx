/** The "Show …" filter in a panel's heading (alerts, inbound mail): one option a state, as [value, label]. */
export function ShowSelect({ value, options, onChange }: { value: string; options: readonly (readonly [string, string])[]; onChange: (value: string) => void }) {
  return (
    <label>
      Show{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([id, label]) => (
          <option key={id} value={id}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}
