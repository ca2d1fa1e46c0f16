import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { SessionAuthGuard } from './session-auth.guard';
import { WechatUserRepository } from './wechat-user.repository';
import { WechatClient } from './wechat.client';

@Module({
  controllers: [AuthController],
  providers: [AuthService, WechatUserRepository, WechatClient, { provide: APP_GUARD, useClass: SessionAuthGuard }],
  exports: [AuthService, WechatUserRepository],
})
export class AuthModule {}
