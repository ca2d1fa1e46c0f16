import { appRoutes, routeName } from '../test/app-routes';
import { startTestApp, TestApp } from '../test/test-app';
import { API_DOCS } from './api-docs';

/** `/admin/applications/{id}` as Express writes it: `/admin/applications/:id`. */
const expressPath = (openApiPath: string) => openApiPath.replace(/\{([^}]+)\}/g, ':$1');

describe('OpenAPI at /openapi.json and its page at /docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ API_DOCS: '1' });
  });
  afterAll(() => t.close());

  it('documents every route the app answers, and no other, without the protocol headers', async () => {
    const res = await t.http().get(API_DOCS.document).expect(200).expect('Content-Type', /application\/json/);
    expect(res.body.openapi).toMatch(/^3\./);
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${expressPath(path)}`),
    );
    expect(documented.sort()).toEqual(appRoutes(t).map(routeName).sort());
  });

  it('describes the protocol header and both sessions', async () => {
    const { body } = await t.http().get(API_DOCS.document).expect(200);
    expect(Object.keys(body.components.securitySchemes).sort()).toEqual(['admin', 'worker']);
    const login = body.paths['/weixin/login'].post;
    expect(login.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'x-platform-code', in: 'header' })]));
  });

  it("describes request bodies with the fields their DTOs' validation rules allow", async () => {
    const { body } = await t.http().get(API_DOCS.document).expect(200);
    const schemaOf = (path: string, method: string) => {
      const ref: string = body.paths[path][method].requestBody.content['application/json'].schema.$ref;
      return body.components.schemas[ref.replace('#/components/schemas/', '')];
    };
    const resume = schemaOf('/employee', 'post');
    expect(resume.required).toEqual(expect.arrayContaining(['real_name', 'phone', 'id_number', 'company_id', 'ad_user_id']));
    expect(resume.properties.phone).toMatchObject({ type: 'string', pattern: '^1[3-9]\\d{9}$' });
    expect(resume.properties.county_id).toMatchObject({ maximum: 2147483647 });
    const approval = schemaOf('/admin/applications/{id}/approve', 'post');
    expect(Object.keys(approval.properties).sort()).toEqual(['contract_id', 'entry_date', 'salary']);
  });

  it('serves the interactive page with its scripts from this origin, which the security policy allows', async () => {
    const page = await t.http().get(API_DOCS.page).expect(200).expect('Content-Type', /text\/html/);
    expect(page.text).toContain('swagger-ui');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    // As a browser resolves them against the page's URL.
    const scripts = [...page.text.matchAll(/<script src="([^"]+)"/g)].map(([, src]) => new URL(src!, `http://x${API_DOCS.page}`).pathname);
    expect(scripts).toContain(`${API_DOCS.page}/swagger-ui-init.js`);
    for (const script of scripts) await t.http().get(script).expect(200).expect('Content-Type', /javascript/);
  });
});
