import type { EmployeePrefillRequest, EmployeePrefillResponse, EmployeeRequest, EmployeeResponse, EmStatusResponse } from '@shanqian/shared';
import { request } from './request';

/** GET /em_status: the application's and the real-name status, which drive the home page. */
export function getStatus(): Promise<EmStatusResponse> {
  return request<EmStatusResponse>({ method: 'GET', path: '/em_status' });
}

/** GET /employee: the resume as submitted (ID photo links freshly signed). */
export function getEmployee(): Promise<EmployeeResponse> {
  return request<EmployeeResponse>({ method: 'GET', path: '/employee' });
}

/** POST /employee: submits the resume and applies. */
export async function createEmployee(body: EmployeeRequest): Promise<null> {
  await request<null>({ method: 'POST', path: '/employee', data: { ...body } });
  return null;
}

/** PUT /employee: edits the resume, or resubmits it after a rejection or cancellation. */
export async function updateEmployee(body: EmployeeRequest): Promise<null> {
  await request<null>({ method: 'PUT', path: '/employee', data: { ...body } });
  return null;
}

/**
 * POST /employee/prefill: the resume fields the company's recruiting system (Moka) handed over for this
 * phone. The SMS code proves the phone; the server then lets the resume go without a second code.
 */
export function prefillEmployee(body: EmployeePrefillRequest): Promise<EmployeePrefillResponse> {
  return request<EmployeePrefillResponse>({ method: 'POST', path: '/employee/prefill', data: { ...body } });
}
