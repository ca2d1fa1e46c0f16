import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ConfigurationError, loadAppConfig } from './load-app-config';

const KEYS = { STORAGE_ACCESS_KEY_ID: 'AKID', STORAGE_SECRET_ACCESS_KEY: 'secret' };
const dataDir = mkdtempSync(join(tmpdir(), 'cfg-storage-'));

function problems(env: Record<string, string>): string[] {
  try {
    loadAppConfig({ DATA_DIR: dataDir, ...env });
    return [];
  } catch (error) {
    return (error as ConfigurationError).problems;
  }
}

describe('STORAGE_URL', () => {
  it('keeps files under DATA_DIR/uploads without it', () => {
    expect(loadAppConfig({ DATA_DIR: dataDir }).storage).toEqual({ type: 'local', dir: join(dataDir, 'uploads') });
    expect(problems(KEYS)).toEqual(['STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY are only used with STORAGE_URL']);
  });

  it('reads bucket, prefix, endpoint, region and path style, with the keys from their own variables', () => {
    const cos = loadAppConfig({ DATA_DIR: dataDir, ...KEYS, STORAGE_URL: 's3://shanqian-1250000000/prod/files/?endpoint=https://cos.ap-guangzhou.myqcloud.com&region=ap-guangzhou' });
    expect(cos.storage).toEqual({
      type: 's3', bucket: 'shanqian-1250000000', prefix: 'prod/files', endpoint: 'https://cos.ap-guangzhou.myqcloud.com', region: 'ap-guangzhou',
      forcePathStyle: false, accessKeyId: 'AKID', secretAccessKey: 'secret',
    });
    const minio = loadAppConfig({ DATA_DIR: dataDir, ...KEYS, STORAGE_URL: 's3://uploads?endpoint=http%3A%2F%2Fminio%3A9000&region=us-east-1&force_path_style=1' });
    expect(minio.storage).toMatchObject({ bucket: 'uploads', prefix: '', endpoint: 'http://minio:9000', forcePathStyle: true });
    expect(loadAppConfig({ DATA_DIR: dataDir, ...KEYS, STORAGE_URL: 's3://aws-bucket/x?region=eu-west-1' }).storage).toMatchObject({ endpoint: null });
  });

  it.each([
    ['a bucket name S3 refuses', 's3://Ab/x?region=us-east-1', /bucket "Ab" must be 3-63 lower-case/],
    ['credentials in the URL', 's3://user:pass@bucket/x?region=us-east-1', /must not carry credentials/],
    ['a port', 's3://bucket:9000/x?region=us-east-1', /a bucket, a prefix and options only/],
    ['an odd prefix', 's3://bucket/a//b?region=us-east-1', /prefix "a\/\/b"/],
    ['no region', 's3://bucket/x?endpoint=https://oss-cn-hangzhou.aliyuncs.com', /region is required/],
    ['an unknown option', 's3://bucket/x?region=us-east-1&path_style=1', /unknown option path_style/],
    ['a repeated option', 's3://bucket/x?region=us-east-1&region=eu-west-1', /region is given twice/],
    ['an endpoint with a path', 's3://bucket/x?region=us-east-1&endpoint=https://minio.example.com/s3', /endpoint must be a scheme and host/],
    ['an endpoint that is no URL', 's3://bucket/x?region=us-east-1&endpoint=minio:9000', /endpoint must be a scheme and host/],
    ['a force_path_style that is not 0 or 1', 's3://bucket/x?region=us-east-1&force_path_style=yes', /force_path_style must be 0 or 1/],
    ['another scheme', 'https://bucket.cos.ap-guangzhou.myqcloud.com/x', /STORAGE_URL must look like s3:\/\//],
  ])('refuses %s', (_, url, problem) => {
    expect(problems({ ...KEYS, STORAGE_URL: url }).join('\n')).toMatch(problem);
  });

  it('needs both keys', () => {
    expect(problems({ STORAGE_URL: 's3://bucket/x?region=us-east-1', STORAGE_ACCESS_KEY_ID: 'AKID' }))
      .toEqual(['STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY are required with STORAGE_URL']);
  });

  it('stops the server before it listens, with exit code 78 and the problem named', () => {
    const main = resolve(__dirname, '../../dist/main.js');
    const run = spawnSync(process.execPath, [main], { env: { PATH: process.env.PATH, DATA_DIR: dataDir, STORAGE_URL: 's3://bucket/x' }, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(78);
    expect(run.stderr).toContain('STORAGE_URL: region is required');
  });
});
