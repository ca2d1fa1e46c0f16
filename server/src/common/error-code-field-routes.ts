import { Injectable, OnModuleInit, RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ERROR_CODE_FIELD } from './envelope';

const joinPath = (...parts: (string | string[] | undefined)[]): string =>
  `/${parts.flat().filter(Boolean).join('/')}`.replace(/\/+/g, '/').replace(/(.)\/$/, '$1');

/**
 * The routes marked @WithErrorCodeField(), found once at start-up, so that errors answered before
 * routing (a missing platform code, an unreadable body) carry `error_code` on them too. Only routes
 * without path parameters are matched, which is what the seed's /image and /verifycode are.
 */
@Injectable()
export class ErrorCodeFieldRoutes implements OnModuleInit {
  private readonly routes = new Set<string>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    for (const { instance, metatype } of this.discovery.getControllers()) {
      if (!instance || !metatype) continue;
      const base = Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined;
      for (const name of this.scanner.getAllMethodNames(Object.getPrototypeOf(instance))) {
        const handler = (instance as Record<string, () => unknown>)[name];
        if (!this.reflector.get<boolean>(ERROR_CODE_FIELD, handler)) continue;
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
        this.routes.add(`${method} ${joinPath(base, Reflect.getMetadata(PATH_METADATA, handler) as string | string[])}`);
      }
    }
  }

  /** Whether the request is for one of them (by method and path, the query left out). */
  has(req: Request): boolean {
    return this.routes.has(`${req.method} ${joinPath(req.originalUrl.split('?')[0])}`);
  }
}
