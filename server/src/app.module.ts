import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_INTERCEPTOR, APP_PIPE, DiscoveryModule } from '@nestjs/core';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { ThrottlerModule } from '@nestjs/throttler';
import cookieParser from 'cookie-parser';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AdminModule } from './admin/admin.module';
import { ApplicationAdminModule } from './applications/application-admin.module';
import { ApplicationsModule } from './applications/applications.module';
import { AuthModule } from './auth/auth.module';
import { BridgesModule } from './bridges/bridges.module';
import { CatalogModule } from './catalog/catalog.module';
import { CertificatesModule } from './certificates/certificates.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { bodyParsers } from './common/body-parsers';
import { Clock } from './common/clock';
import { ClockModule } from './common/clock.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { EnvelopeInterceptor } from './common/envelope.interceptor';
import { ErrorCodeFieldRoutes } from './common/error-code-field-routes';
import { KV_STORE, KvStore } from './common/kv/kv-store';
import { KvModule } from './common/kv/kv.module';
import { logRedaction } from './common/log-redaction';
import { stdoutLogStream } from './common/log-stream';
import { RequestContextMiddleware } from './common/request-context.middleware';
import { KvThrottlerStorage } from './common/throttler-kv.storage';
import { createValidationPipe } from './common/validation.pipe';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { EmployeeModule } from './employee/employee.module';
import { HealthModule } from './health/health.module';
import { MetricsModule } from './metrics/metrics.module';
import { RealnameModule } from './realname/realname.module';
import { SignModule } from './sign/sign.module';
import { UploadModule } from './upload/upload.module';
import { VerificationModule } from './verification/verification.module';

export interface AppOptions {
  /** Where JSON log lines go (tests read DEV_EXPOSE_CODES events from it); stdout when absent. */
  logDestination?: DestinationStream;
  /** The app's clock (CLOCK): the system's when absent, a spec's FakeClock in tests. */
  clock?: Clock;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        AppConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        DiscoveryModule,
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              ...logRedaction,
              customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            },
            options.logDestination ?? stdoutLogStream(config),
          ],
        }),
        // Application events: `application.*` listeners (wildcards on) run after the change committed.
        EventEmitterModule.forRoot({ wildcard: true }),
        KvModule,
        CryptoModule,
        ThrottlerModule.forRootAsync({
          inject: [KV_STORE],
          useFactory: (store: KvStore) => ({ throttlers: [{ name: 'ip', ttl: 60_000, limit: 60 }], storage: new KvThrottlerStorage(store) }),
        }),
        DatabaseModule,
        AuthModule,
        AdminModule,
        CatalogModule,
        UploadModule,
        VerificationModule,
        EmployeeModule,
        ApplicationsModule,
        SignModule,
        CertificatesModule,
        RealnameModule,
        BridgesModule,
        ApplicationAdminModule,
        MetricsModule,
        HealthModule,
      ],
      providers: [
        ErrorCodeFieldRoutes,
        { provide: APP_FILTER, useValue: new AllExceptionsFilter() },
        { provide: APP_INTERCEPTOR, useClass: EnvelopeInterceptor },
        { provide: APP_PIPE, useFactory: createValidationPipe },
      ],
    };
  }

  constructor(private readonly errorCodeRoutes: ErrorCodeFieldRoutes) {}

  configure(consumer: MiddlewareConsumer): void {
    // Order matters: the protocol headers are checked before any body is read.
    consumer.apply(RequestContextMiddleware, cookieParser(), ...bodyParsers(this.errorCodeRoutes)).forRoutes('*');
  }
}
