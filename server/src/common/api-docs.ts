import { NestExpressApplication } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { HEADER } from '@shanqian/shared';
import { AppConfig } from '../config/app-config';

/** Where the OpenAPI document and its interactive page are served when API_DOCS is on. */
export const API_DOCS = { page: '/docs', document: '/openapi.json' } as const;

/** The routes SwaggerModule adds to Express itself (the page, its script, the document): no controller declares them. */
export const isApiDocsPath = (path: string): boolean => path === API_DOCS.document || path === API_DOCS.page || path.startsWith(`${API_DOCS.page}/`);

/**
 * OpenAPI 3 from the controllers' decorators, built on the first request for it. Registered before
 * the app's middleware, so the page and the document need no X-platform-code (a browser opening
 * /docs sends none). Without the swagger compiler plugin (we build with tsc, not the Nest CLI) the
 * DTOs' fields come from their class-validator rules instead (class-validator-jsonschema: types,
 * lengths, ranges, patterns, required), filling the schemas swagger names but leaves empty.
 * docs/api.md remains the reference for examples and error codes.
 */
export function setupApiDocs(app: NestExpressApplication, config: AppConfig): void {
  if (!config.apiDocs) return;
  // Loaded only when the docs are on: @nestjs/swagger is the heaviest of the server's modules to load
  // (about 0.25 s), which a production server without API_DOCS and every test app need not pay.
  const { DocumentBuilder, SwaggerModule } = require('@nestjs/swagger') as typeof import('@nestjs/swagger');
  const info = new DocumentBuilder()
    .setTitle('闪签云 API')
    .setDescription('The mini-program API, the 秒云达 back office (/admin/…) and the operator routes. Fields, examples and error codes: docs/api.md.')
    .addGlobalParameters({
      name: HEADER.platformCode,
      in: 'header',
      required: false,
      description: 'wxmp (mini-program) or admin (back office); required everywhere except /healthz, /readyz, /metrics and signed file links',
      schema: { type: 'string', example: 'wxmp' },
    })
    .addApiKey({ type: 'apiKey', in: 'header', name: HEADER.authToken, description: "a worker's session (POST /weixin/login)" }, 'worker')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: "an admin's session (POST /admin/login)" }, 'admin')
    .addSecurityRequirements('worker')
    .addSecurityRequirements('admin')
    .build();
  SwaggerModule.setup(API_DOCS.page, app, () => withDtoSchemas(SwaggerModule.createDocument(app, info)), {
    jsonDocumentUrl: API_DOCS.document,
    raw: ['json'],
    customSiteTitle: '闪签云 API',
  });
}

type Schemas = NonNullable<NonNullable<OpenAPIObject['components']>['schemas']>;

/** The document with each DTO's schema as its validation rules describe it. */
function withDtoSchemas(document: OpenAPIObject): OpenAPIObject {
  const { validationMetadatasToSchemas } = require('class-validator-jsonschema') as typeof import('class-validator-jsonschema');
  const fromRules = validationMetadatasToSchemas({ refPointerPrefix: '#/components/schemas/' }) as Schemas;
  return { ...document, components: { ...document.components, schemas: { ...document.components?.schemas, ...fromRules } } };
}
