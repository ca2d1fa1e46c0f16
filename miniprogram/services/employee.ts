import type { EmployeeRequest, EmployeeResponse, EmStatusResponse } from '@shanqian/shared';
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
