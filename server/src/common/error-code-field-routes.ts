import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { ERROR_CODE_FIELD } from './envelope';
import { joinPath, registeredRoutes } from './registered-routes';

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
    for (const { method, path, handler } of registeredRoutes(this.discovery, this.scanner)) {
      if (this.reflector.get<boolean>(ERROR_CODE_FIELD, handler)) this.routes.add(`${method} ${path}`);
    }
  }

  /** Whether the request is for one of them (by method and path, the query left out). */
  has(req: Request): boolean {
    return this.routes.has(`${req.method} ${joinPath(req.originalUrl.split('?')[0])}`);
  }
}
