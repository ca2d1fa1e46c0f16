import { IsOptional, IsString, MaxLength } from 'class-validator';

/** The text field of PUT /admin/companies/:id/certificate (multipart, beside the P12 in `file`). */
export class CertificateUploadDto {
  /** The P12's password, as typed (never trimmed); absent for a file without one. */
  @IsOptional() @IsString({ message: '应为文本' }) @MaxLength(256, { message: '最多 256 个字' })
  password?: string;
}
