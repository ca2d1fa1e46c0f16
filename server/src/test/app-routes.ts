import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import { isApiDocsPath } from '../common/api-docs';
import { RegisteredRoute, registeredRoutes } from '../common/registered-routes';
import { TestApp } from './test-app';

interface ExpressLayer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Where Nest mounts the middleware applied `forRoutes('*')`: an every-method route that passes each request on. */
const MIDDLEWARE_PATH = '{/*splat}';

/** What Express itself will answer, `METHOD /path`, whoever registered it (but the OpenAPI page and document, which SwaggerModule adds). */
function expressRoutes(t: TestApp): string[] {
  const stack = (t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } }).router.stack;
  return stack.flatMap(({ route }) =>
    route && route.path !== MIDDLEWARE_PATH && !isApiDocsPath(route.path) ? Object.keys(route.methods).map((method) => `${method.toUpperCase()} ${route.path}`) : [],
  );
}

export const routeName = (route: Pick<RegisteredRoute, 'method' | 'path'>): string => `${route.method} ${route.path}`;

/**
 * Every route of the running app with the controller that answers it, with the paths the guards
 * compute. Fails unless Express answers exactly these: a route added outside the controllers, or a
 * path the guards would compute differently from the one Express matches, cannot slip past the tests.
 */
export function appRoutes(t: TestApp): RegisteredRoute[] {
  const routes = registeredRoutes(t.app.get(DiscoveryService), new MetadataScanner());
  const declared = routes.map(routeName);
  const answered = expressRoutes(t);
  const differences = [...answered.filter((r) => !declared.includes(r)).map((r) => `answered, not declared: ${r}`), ...declared.filter((r) => !answered.includes(r)).map((r) => `declared, not answered: ${r}`)];
  if (differences.length) throw new Error(`the controllers' routes are not the ones Express answers:\n${differences.join('\n')}`);
  return routes;
}
