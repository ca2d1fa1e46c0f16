import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { memoryStorage } from 'multer';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { FileStorageService } from './file-storage.service';
import { MulterErrorsInterceptor, UploadErrorsInterceptor } from './upload-errors.interceptor';
import { UploadController } from './upload.controller';
import { UploadRepository } from './upload.repository';
import { UploadService } from './upload.service';

/**
 * POST /image and the signed GET /image/:key links. Other modules import it for UploadService
 * (resolveOwned to accept a link in a form, signedUrl to hand out fresh links).
 */
@Module({
  imports: [
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      // In memory: the type is judged from the bytes before anything reaches the disk, and the limit keeps memory bounded.
      useFactory: (config: AppConfig) => ({
        storage: memoryStorage(),
        limits: { fileSize: config.uploadMaxBytes, files: 1, fields: 20, fieldSize: 64 * 1024 },
      }),
    }),
  ],
  controllers: [UploadController],
  providers: [UploadService, UploadRepository, FileStorageService, MulterErrorsInterceptor, UploadErrorsInterceptor],
  exports: [UploadService, FileStorageService, MulterModule, MulterErrorsInterceptor, UploadErrorsInterceptor],
})
export class UploadModule {}
