import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './request';

/**
 * Reads retry twice on a network failure or a 5xx (a weak office network, a restarting server), never
 * on a refusal (4xx): asking again would get the same answer. Writes are never retried by themselves:
 * the clerk retries them from the message that says what failed.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 2 && (!(error instanceof ApiError) || error.isNetworkFailure || error.httpStatus >= 500),
      },
      mutations: { retry: false },
    },
  });
}
