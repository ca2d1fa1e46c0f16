import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { ErrorCode } from '@shanqian/shared';
import { catchError, Observable, throwError } from 'rxjs';
import { AppException } from '../../common/app.exception';
import { PARTNER_LABELS } from './bridge-name';
import { PartnerError } from './partner-client';

/** What a partner's failure means to the admin who asked: their request was fine, the partner was not. */
export function partnerErrorToAppException(error: PartnerError): AppException {
  const label = PARTNER_LABELS[error.partner];
  if (error.authFailure) return new AppException(ErrorCode.PartnerAuthFailed, `${label} 认证失败，请检查配置：${error.message}`);
  if (error.kind === 'permanent') return new AppException(ErrorCode.PartnerRejected, `${label} 拒绝了请求：${error.message}`);
  return new AppException(ErrorCode.PartnerUnavailable, `${label} 暂时不可用：${error.message}`);
}

/** Registered globally by the bridges: a PartnerError escaping a controller becomes 502 18002/18003/18004. */
@Injectable()
export class PartnerErrorInterceptor implements NestInterceptor {
  intercept(_: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next.handle().pipe(catchError((error) => throwError(() => (error instanceof PartnerError ? partnerErrorToAppException(error) : error))));
  }
}
