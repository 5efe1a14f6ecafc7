import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';
import { SettingsPage } from './SettingsPage';

const adminUser = { ...staffUser, role: 'ADMIN' };
const settingsData = {
  data: {
    settings: { reportingCurrency: 'CNY', timeZone: 'Asia/Shanghai', exchangeRates: [{ currency: 'USD', rate: 7.2 }] },
    accountSettings: {
      sla: [{ priority: 'URGENT', firstResponseMinutes: 60, resolutionMinutes: 480 }],
      risk: {
        contributionDays: 90,
        contributionDropPercent: 30,
        contributionLevel: 'WATCH',
        openTicketsMax: 3,
        openTicketsLevel: 'WATCH',
        urgentOpenLevel: 'DOUBTFUL',
        noContactDays: 180,
        noContactLevel: 'WATCH',
        overdueDays: 30,
        overdueLevel: 'DOUBTFUL',
      },
      pool: [{ tier: 'ORDINARY', days: 30 }],
    },
  },
};

function renderSettings(user: unknown, answers: Record<string, Answer> = {}) {
  const calls: MockCall[] = [];
  render(
    <Providers client={mockClient({ Me: { data: { me: user } }, SettingsPage: settingsData, ...answers }, calls)}>
      <SettingsPage />
    </Providers>,
  );
  return calls;
}

describe('settings page', () => {
  it('tells non-admins it is not theirs, without asking for the settings', async () => {
    const calls = renderSettings({ ...staffUser, role: 'MARKETER' });
    await waitFor(() => expect(screen.getByText('Only admins change settings.')).toBeTruthy());
    expect(calls.some((c) => c.name === 'SettingsPage')).toBe(false);
  });

  it('sends edited exchange rates and the key-account rules', async () => {
    const calls = renderSettings(adminUser, {
      UpdateSettings: (vars) => ({
        data: { updateSettings: { reportingCurrency: 'CNY', timeZone: 'Asia/Shanghai', exchangeRates: (vars as { input: { exchangeRates: unknown } }).input.exchangeRates } },
      }),
      UpdateAccountSettings: { data: { updateAccountSettings: { risk: { contributionDays: 60 } } } },
    });
    const rate = await screen.findByLabelText('Rate of USD');
    fireEvent.change(rate, { target: { value: '7.5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add a currency' }));
    const codes = screen.getAllByLabelText('Currency');
    fireEvent.change(codes[1], { target: { value: 'eur' } });
    fireEvent.change(screen.getByLabelText('Rate of eur'), { target: { value: '7.8' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]);
    await waitFor(() => expect(calls.find((c) => c.name === 'UpdateSettings')).toBeTruthy());
    expect(calls.find((c) => c.name === 'UpdateSettings')?.variables).toEqual({
      input: { reportingCurrency: 'CNY', timeZone: 'Asia/Shanghai', exchangeRates: [{ currency: 'USD', rate: 7.5 }, { currency: 'EUR', rate: 7.8 }] },
    });
    await screen.findByText('Settings saved.');

    fireEvent.change(screen.getByLabelText('Contribution window (days)'), { target: { value: '60' } });
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[1]);
    await waitFor(() => expect(calls.find((c) => c.name === 'UpdateAccountSettings')).toBeTruthy());
    const input = (calls.find((c) => c.name === 'UpdateAccountSettings')?.variables as { input: { risk: Record<string, unknown>; pool: unknown } }).input;
    expect(input.risk.contributionDays).toBe(60);
    expect(input.risk.noContactLevel).toBe('WATCH');
    expect(input.risk.overdueLevel).toBe('DOUBTFUL');
    expect(input.pool).toEqual([{ tier: 'ORDINARY', days: 30 }]);
  });

  it('shows a refusal naming the field', async () => {
    renderSettings(adminUser, {
      UpdateSettings: { errors: [{ message: 'orders in USD exist: keep a rate for it', extensions: { code: 'BAD_USER_INPUT', field: 'exchangeRates' } }] },
    });
    await screen.findByLabelText('Rate of USD');
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    fireEvent.click(screen.getAllByRole('button', { name: 'Save' })[0]);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toMatch(/Exchange rates/));
  });
});

