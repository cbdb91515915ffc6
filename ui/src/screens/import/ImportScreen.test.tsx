import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderScreen, withMockBackend } from '../../test/render';
import { ImportScreen } from './ImportScreen';

describe('import screen', () => {
  it('reads a picked file, shows its mapping and first rows, and imports it', async () => {
    withMockBackend();
    renderScreen(<ImportScreen />);
    fireEvent.click(screen.getByTestId('import-browse'));
    const preview = await screen.findByTestId('import-preview');
    expect(screen.getByTestId<HTMLInputElement>('import-path').value).toBe('/home/amelie/exports/klanten.csv');
    expect(within(preview).getByText('klanten.csv')).toBeTruthy();
    expect(screen.getByTestId('import-rows').textContent).toBe('3 rows');
    expect(screen.getByTestId<HTMLSelectElement>('import-map-name').value).toBe('Naam');
    expect(screen.getByTestId<HTMLSelectElement>('import-map-credit_limit').value).toBe('');
    const rows = within(screen.getByTestId('import-sample')).getAllByRole('row');
    expect(rows).toHaveLength(4);
    expect(rows[1]?.textContent).toContain('Bakkerij Peeters');

    fireEvent.click(screen.getByTestId('import-run'));
    const done = await screen.findByTestId('import-done');
    expect(done.textContent).toContain('klanten.csv imported');
    expect(screen.getByTestId('import-summary').textContent).toBe('3 rows read: 3 new, 0 updated.');
  });

  it('a required field mapped to nothing blocks the import until it is mapped again', async () => {
    withMockBackend();
    renderScreen(<ImportScreen />);
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/home/amelie/exports/klanten.csv' } });
    fireEvent.click(screen.getByTestId('import-read'));
    await screen.findByTestId('import-preview');
    fireEvent.change(screen.getByTestId('import-map-name'), { target: { value: '' } });
    expect((await screen.findByTestId('import-blocker')).textContent).toContain('required fields name');
    expect(screen.getByTestId<HTMLButtonElement>('import-run').disabled).toBe(true);
    fireEvent.change(screen.getByTestId('import-map-name'), { target: { value: 'Naam' } });
    await waitFor(() => expect(screen.queryByTestId('import-blocker')).toBeNull());
    expect(screen.getByTestId<HTMLButtonElement>('import-run').disabled).toBe(false);
  });

  it('a file with bad rows is refused: every problem with its line and column', async () => {
    withMockBackend();
    renderScreen(<ImportScreen />, { language: 'fr' });
    fireEvent.click(screen.getByTestId('import-kind-invoices'));
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/home/amelie/exports/facturen-met-fout.csv' } });
    fireEvent.click(screen.getByTestId('import-read'));
    await screen.findByTestId('import-preview');
    expect(screen.getByTestId('import-run').textContent).toBe('Importer 3 lignes');
    fireEvent.click(screen.getByTestId('import-run'));
    const refused = await screen.findByTestId('import-refused');
    expect(within(refused).getByText('Rien n’a été importé')).toBeTruthy();
    const problems = screen.getAllByTestId<HTMLTableRowElement>('import-problem').map((row) => Array.from(row.cells, (c) => c.textContent));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toEqual(['3', 'Bedrag', "'twaalf' is not an amount"]);
    expect(problems[1]?.slice(0, 2)).toEqual(['4', 'Klantnr']);
  });

  it('a typed date format reads the file again with it', async () => {
    withMockBackend();
    renderScreen(<ImportScreen />);
    fireEvent.click(screen.getByTestId('import-kind-invoices'));
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/home/amelie/exports/facturen-met-fout.csv' } });
    fireEvent.click(screen.getByTestId('import-read'));
    await screen.findByTestId('import-preview');
    expect(screen.getByText(/Detected: %d\/%m\/%Y/)).toBeTruthy();
    fireEvent.change(screen.getByTestId('import-date-format'), { target: { value: '%m/%d/%Y' } });
    fireEvent.blur(screen.getByTestId('import-date-format'));
    expect(await screen.findByText(/Detected: %m\/%d\/%Y/)).toBeTruthy();
  });

  it('a file that is not there is named in the error', async () => {
    withMockBackend();
    renderScreen(<ImportScreen />);
    fireEvent.change(screen.getByTestId('import-path'), { target: { value: '/nowhere/x.csv' } });
    fireEvent.click(screen.getByTestId('import-read'));
    const error = await screen.findByTestId('import-error');
    expect(error.dataset.code).toBe('not_found');
    expect(error.textContent).toContain('/nowhere/x.csv');
  });
});
