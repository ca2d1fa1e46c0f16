import { ExecutionContext, RequestMethod, Type } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';

/** The back office: every route under this first path segment, and the platform code its clients send. */
export const BACK_OFFICE = { segment: 'admin', platform: 'admin' } as const;

type Handler = (...args: unknown[]) => unknown;

export interface RegisteredRoute {
  method: string;
  /** As registered: `/admin/applications/:id`. */
  path: string;
  controller: Type<unknown>;
  handler: Handler;
}

export const joinPath = (...parts: (string | string[] | undefined)[]): string =>
  `/${parts.flat().filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

const asList = (path: string | string[] | undefined): (string | undefined)[] => (Array.isArray(path) ? path : [path]);

/** Every path a handler answers on, from the controller's and the handler's decorators (never from a request's URL). */
export function registeredPaths(controller: Type<unknown>, handler: Handler): string[] {
  const bases = asList(Reflect.getMetadata(PATH_METADATA, controller) as string | string[] | undefined);
  const ends = asList(Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined);
  return bases.flatMap((base) => ends.map((end) => joinPath(base, end)));
}

/** Case-blind, as Express routes are: a route registered under `Admin/` answers `/admin/` too. */
export const isBackOfficePath = (path: string): boolean => path.split('/')[1]?.toLowerCase() === BACK_OFFICE.segment;

/** Per controller (an inherited handler is shared by several), per handler. */
const backOffice = new WeakMap<Type<unknown>, WeakMap<Handler, boolean>>();

/**
 * Whether the route being answered is a back-office one. Decided by the path it was registered
 * under, since a request's URL can be spelled to look like another (`/ADMIN/users` reaches
 * `admin/users`, `/admin/../employee` reaches nothing); computed once per handler.
 */
export function isBackOfficeRoute(context: ExecutionContext): boolean {
  const controller = context.getClass();
  const handler = context.getHandler() as Handler;
  let handlers = backOffice.get(controller);
  if (!handlers) backOffice.set(controller, (handlers = new WeakMap()));
  let answer = handlers.get(handler);
  if (answer === undefined) {
    answer = registeredPaths(controller, handler).some(isBackOfficePath);
    handlers.set(handler, answer);
  }
  return answer;
}

/** Every route of the application's controllers, with its method and full path. */
export function registeredRoutes(discovery: DiscoveryService, scanner: MetadataScanner): RegisteredRoute[] {
  return discovery.getControllers().flatMap(({ instance, metatype }) => {
    if (!instance || !metatype) return [];
    const controller = metatype as Type<unknown>;
    return scanner.getAllMethodNames(Object.getPrototypeOf(instance)).flatMap((name) => {
      const handler = (instance as Record<string, Handler>)[name];
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (method === undefined) return [];
      return registeredPaths(controller, handler).map((path) => ({ method: RequestMethod[method], path, controller, handler }));
    });
  });
}
