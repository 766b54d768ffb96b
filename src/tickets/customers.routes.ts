import { actorOf } from '../platform/auth/principal.js';
import type { RouteDeps } from '../platform/context.js';
import type { App } from '../platform/http/server.js';
import { IdParams, ProblemSchema, protectedErrors } from '../platform/http/schemas.js';
import { CreateCustomerBody, CustomerDetailSchema, CustomerListResponse, ListCustomersQuery, UpdateCustomerBody } from './customers.schema.js';
import { createCustomer, getCustomer, listCustomers, updateCustomer } from './customers.service.js';

/** Customers: the people who ask for help. Tickets also create them on the fly. */
export function registerCustomerRoutes(app: App, deps: RouteDeps): void {
  const { guard } = deps;
  const tags = ['customers'];

  app.get(
    '/api/v1/customers',
    { schema: { tags, querystring: ListCustomersQuery, response: { 200: CustomerListResponse, ...protectedErrors } }, preHandler: guard.require('customers:read') },
    async (request) => listCustomers(deps, request.query),
  );

  app.post(
    '/api/v1/customers',
    { schema: { tags, body: CreateCustomerBody, response: { 201: CustomerDetailSchema, 409: ProblemSchema, ...protectedErrors } }, preHandler: guard.require('customers:write') },
    async (request, reply) => {
      const customer = await createCustomer(deps, actorOf(request.principal!), request.body);
      return reply.status(201).header('location', `/api/v1/customers/${customer.id}`).send(customer);
    },
  );

  app.get(
    '/api/v1/customers/:id',
    { schema: { tags, params: IdParams, response: { 200: CustomerDetailSchema, ...protectedErrors } }, preHandler: guard.require('customers:read') },
    async (request) => getCustomer(deps, request.params.id),
  );

  app.patch(
    '/api/v1/customers/:id',
    { schema: { tags, params: IdParams, body: UpdateCustomerBody, response: { 200: CustomerDetailSchema, ...protectedErrors } }, preHandler: guard.require('customers:write') },
    async (request) => updateCustomer(deps, actorOf(request.principal!), request.params.id, request.body),
  );
}
