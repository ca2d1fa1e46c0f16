import type { Page } from '@shanqian/shared';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { ServerSearchSelect } from './server-search-select';

interface Person {
  id: number;
  name: string;
}

const PEOPLE: Person[] = [
  { id: 1, name: '张三' },
  { id: 2, name: '李四' },
];

// jsdom has no ResizeObserver, which the Select's popup observes.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};

function renderSelect(value?: number) {
  const searched: string[] = [];
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <ServerSearchSelect<Person>
        aria-label="人员"
        value={value}
        search={(keyword) => ({
          queryKey: ['people', keyword],
          queryFn: async () => {
            searched.push(keyword);
            return { list: PEOPLE.filter((person) => person.name.includes(keyword)), page: 1, pageSize: 20, total: 1, count: 1 } satisfies Page<Person>;
          },
        })}
        optionLabel={(person) => person.name}
        missingLabel={(id) => `人员 #${id}`}
        notFound={{ failed: '人员加载失败', none: '没有匹配的人员' }}
      />
    </QueryClientProvider>,
  );
  return searched;
}

describe('the server search select', () => {
  it('asks the server once the typing pauses, with the text trimmed', async () => {
    const searched = renderSelect();
    await waitFor(() => expect(searched).toEqual(['']));
    const input = screen.getByRole('combobox', { name: '人员' });
    fireEvent.change(input, { target: { value: '李' } });
    fireEvent.change(input, { target: { value: ' 李四 ' } });
    await waitFor(() => expect(searched).toEqual(['', '李四']));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(searched).toEqual(['', '李四']);
  });

  it('names a chosen value the rows found do not list', async () => {
    renderSelect(9);
    expect(await screen.findByText('人员 #9')).toBeInTheDocument();
  });
});
