import { Alert, Button } from 'antd';
import type { ReactNode } from 'react';
import { errorText } from './form-errors';

/** The error state of a list or a card: what failed, and a retry that does not lose the page's filters. */
export function QueryError({ error, onRetry, title = '加载失败' }: { error: unknown; onRetry: () => void; title?: ReactNode }) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={errorText(error)}
      action={
        <Button size="small" onClick={onRetry}>
          重试
        </Button>
      }
    />
  );
}
