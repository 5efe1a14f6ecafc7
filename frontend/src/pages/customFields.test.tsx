import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Routes } from '../App';
import { Layout } from '../components/Layout';
import { viewCustomFilter, viewWhere } from '../components/SavedViews';
import { customFieldsPatch, filterPredicate, formatCustomValue, predicateFilter, type FieldDef } from '../customFields';
import { accountDefaults } from '../test/accountMocks';
import { mockClient, Providers, staffUser, type Answer, type MockCall } from '../test/mockClient';
import { splitOptions } from './CustomFieldsPage';

function renderAt(path: string, answers: Record<string, Answer>, locale: 'en' | 'zh-Hans' = 'en') {
  window.history.replaceState(null, '', path);
  const calls: MockCall[] = [];
  const client = mockClient({ ...accountDefaults, ...answers }, calls);
  const utils = render(
    <Providers client={client} locale={locale}>
      <Layout>
        <Routes />
      </Layout>
    </Providers>,
  );
  return { ...utils, calls };
}

const adminUser = { ...staffUser, id: 'U1', email: 'admin@example.com', role: 'ADMIN' };
const managerUser = { ...staffUser, id: 'U7', email: 'boss@example.com', role: 'MANAGER' };

const def = (key: string, type: FieldDef['type'], labelEn: string, labelZh: string, extra: Partial<FieldDef> = {}): FieldDef & { __typename: string } => ({
  __typename: 'CustomFieldDefinition',
  id: `F-${key}`,
  key,
  type,
  options: null,
  labelEn,
  labelZh,
  required: false,
  position: 0,
  archived: false,
  ...extra,
});

const defs = [
  def('tier', 'SELECT', 'Tier', '等级', { options: ['gold', 'silver'], position: 0 }),
  def('budget', 'NUMBER', 'Budget', '预算', { position: 1, required: true }),
  def('renewal', 'DATE', 'Renewal', '续约日', { position: 2 }),
  def('visited', 'BOOLEAN', 'Site visited', '已拜访', { position: 3 }),
  def('notes', 'TEXT', 'Notes', '备注', { position: 4 }),
  def('old_code', 'TEXT', 'Old code', '旧代码', { position: 5, archived: true }),
];
const definitions = (includeArchived: boolean) => ({
  data: { customFieldDefinitions: includeArchived ? defs : defs.filter((d) => !d.archived) },
});

const conn = (typename: string, nodes: unknown[]) => ({
  __typename: `${typename}Connection`,
  totalCount: nodes.length,
  edges: nodes.map((node) => ({ __typename: `${typename}Edge`, node })),
});

const customer = {
  __typename: 'Customer',
  id: 'C1',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2025-01-01T00:00:00Z',
  kind: 'ORGANISATION',
  name: '華信貿易',
  email: null,
  phone: null,
  address: null,
  region: '上海',
  legalRepresentative: null,
  foundedOn: null,
  occupation: null,
  interests: null,
  industry: null,
  companySize: null,
  serviceArea: null,
  salesCapacity: null,
  growthPotential: null,
  businessStatus: null,
  paymentBehaviour: null,
  openIssues: null,
  tags: null,
  customFields: { tier: 'gold', budget: 125000.5, renewal: '2025-03-01', visited: false, old_code: 'X-9', legacy: 'kept' },
  creditRating: null,
  riskLevel: 'NORMAL',
  valueTier: 'ORDINARY',
  blacklisted: false,
  owner: null,
  team: [],
};

const change = (id: string, field: string, oldValue: string, newValue: string) => ({
  __typename: 'FieldChange',
  id,
  field,
  oldValue,
  newValue,
  actorID: null,
  createdAt: '2025-03-01T08:00:00Z',
});

const page = (history: unknown[] = []) => ({
  data: {
    node: {
      ...customer,
      orders: conn('Order', []),
      careRecords: conn('CareRecord', []),
      tickets: conn('Ticket', []),
      history: conn('FieldChange', history),
    },
  },
});

const defsAnswer: Answer = (v) => definitions(!!(v as { includeArchived?: boolean }).includeArchived);

describe('custom fields on the customer 360 page', () => {
  it('shows each field with its label and its type’s format, in English and in Chinese', async () => {
    const { unmount } = renderAt('/customers/C1', {
      Me: { data: { me: staffUser } },
      CustomerPage: page([change('H1', 'custom_fields.budget', '100', '125000.5'), change('H2', 'custom_fields.visited', 'null', 'false')]),
      CustomFieldDefinitions: defsAnswer,
    });
    const card = await screen.findByRole('region', { name: 'Custom fields' });
    const fact = (key: string) => card.querySelector(`[data-field="customFields.${key}"]`);
    await waitFor(() => expect(fact('tier')?.textContent).toBe('Tiergold'));
    expect(fact('budget')?.textContent).toBe('Budget125,000.5');
    expect(fact('renewal')?.textContent).toBe('RenewalMar 1, 2025');
    expect(fact('visited')?.textContent).toBe('Site visitedNo');
    expect(fact('notes')?.textContent).toBe('Notes—');
    expect(fact('old_code')?.textContent).toBe('Old code (archived)X-9');
    expect(fact('legacy')?.textContent).toBe('legacykept');
    const history = screen.getByRole('list', { name: 'Changes, newest first' });
    const items = within(history).getAllByRole('listitem');
    expect(items[0].querySelector('.history-field')?.textContent).toBe('Budget');
    expect(items[0].querySelector('.history-old')?.textContent).toBe('100');
    expect(items[0].querySelector('.history-new')?.textContent).toBe('125,000.5');
    expect(items[1].querySelector('.history-field')?.textContent).toBe('Site visited');
    expect(items[1].querySelector('.history-new')?.textContent).toBe('No');
    unmount();

    renderAt('/customers/C1', { Me: { data: { me: staffUser } }, CustomerPage: page(), CustomFieldDefinitions: defsAnswer }, 'zh-Hans');
    const zh = await screen.findByRole('region', { name: '自定义字段' });
    await waitFor(() => expect(zh.querySelector('[data-field="customFields.tier"] dt')?.textContent).toBe('等级'));
    expect(zh.querySelector('[data-field="customFields.visited"] dd')?.textContent).toBe('否');
    expect(zh.querySelector('[data-field="customFields.old_code"] dt')?.textContent).toBe('旧代码 （已归档）');
  });

  it('edits with the right control per type, checks before sending, and sends only what changed', async () => {
    const { calls } = renderAt('/customers/C1', {
      Me: { data: { me: managerUser } },
      CustomerPage: page(),
      CustomFieldDefinitions: defsAnswer,
      UpdateCustomer: { data: { updateCustomer: customer } },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const editor = screen.getByRole('form', { name: 'Edit 華信貿易' });
    const group = within(editor).getByRole('group', { name: 'Custom fields' });
    const tier = within(group).getByLabelText('Tier') as HTMLSelectElement;
    expect(tier.tagName).toBe('SELECT');
    expect([...tier.options].map((o) => o.value)).toEqual(['', 'gold', 'silver']);
    expect(tier.value).toBe('gold');
    const budget = within(group).getByLabelText('Budget *') as HTMLInputElement;
    expect(budget.inputMode).toBe('decimal');
    expect(budget.value).toBe('125000.5');
    expect((within(group).getByLabelText('Renewal') as HTMLInputElement).type).toBe('date');
    const visited = within(group).getByLabelText('Site visited') as HTMLSelectElement;
    expect([...visited.options].map((o) => o.textContent)).toEqual(['Not set', 'Yes', 'No']);
    expect(within(group).queryByLabelText('Old code')).toBeNull();

    // A number that is not one, and a required value removed: said at the field, nothing sent.
    fireEvent.change(budget, { target: { value: 'lots' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(budget.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(budget.getAttribute('aria-describedby')!.split(' ')[0])?.textContent).toBe('Enter a number, such as 1200 or 3.5.');
    fireEvent.change(budget, { target: { value: '' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(document.getElementById(budget.getAttribute('aria-describedby')!.split(' ')[0])?.textContent).toBe('This field is required.'));
    expect(calls.some((c) => c.name === 'UpdateCustomer')).toBe(false);

    fireEvent.change(budget, { target: { value: '130,000' } });
    fireEvent.change(tier, { target: { value: 'silver' } });
    fireEvent.change(visited, { target: { value: 'true' } });
    fireEvent.change(within(group).getByLabelText('Renewal'), { target: { value: '' } });
    fireEvent.click(within(editor).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Profile saved.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'UpdateCustomer')?.variables).toEqual({
      id: 'C1',
      input: { customFields: { tier: 'silver', budget: 130000, visited: true, renewal: null } },
    });
  });

  it('shows the server’s refusal under the custom field it names', async () => {
    renderAt('/customers/C1', {
      Me: { data: { me: managerUser } },
      CustomerPage: page(),
      CustomFieldDefinitions: defsAnswer,
      UpdateCustomer: { errors: [{ message: 'tier must be one of gold, silver', extensions: { code: 'BAD_USER_INPUT', field: 'customFields.tier' } }] },
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Edit profile' }));
    const tier = screen.getByLabelText('Tier');
    fireEvent.change(tier, { target: { value: 'silver' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(tier.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(tier.getAttribute('aria-describedby')!.split(' ')[0])?.textContent).toBe('tier must be one of gold, silver');
    expect(screen.getByRole('alert').textContent).toContain('Please check “Tier”.');
  });
});

const listAnswer = (names: string[]) => ({
  data: {
    customers: {
      __typename: 'CustomerConnection',
      totalCount: names.length,
      pageInfo: { __typename: 'PageInfo', hasNextPage: false, hasPreviousPage: false, startCursor: 'a', endCursor: 'b' },
      edges: names.map((name, i) => ({
        __typename: 'CustomerEdge',
        node: { __typename: 'Customer', id: `C${i}`, kind: 'PERSON', name, email: null, phone: null, region: null, tags: null, createdAt: '2024-12-24T08:00:00Z' },
      })),
    },
  },
});

describe('the customer list’s custom field filter', () => {
  it('filters by a field, with the conditions of its type, and saves the filter in a view', async () => {
    const { calls } = renderAt('/customers', {
      Me: { data: { me: staffUser } },
      CustomFieldDefinitions: defsAnswer,
      Customers: (v) => ((v as { where?: unknown }).where ? listAnswer(['Big Co']) : listAnswer(['Big Co', 'Small Co'])),
      CreateSavedView: { data: { createSavedView: { __typename: 'SavedView', id: 'V1' } } },
    });
    await screen.findByRole('rowheader', { name: 'Small Co' });
    const filter = screen.getByRole('group', { name: 'Custom field' });
    fireEvent.change(within(filter).getByLabelText('Custom field'), { target: { value: 'budget' } });
    const op = within(filter).getByLabelText('Condition') as HTMLSelectElement;
    expect([...op.options].map((o) => o.textContent)).toEqual(['is', 'more than', 'at least', 'less than', 'at most', 'has a value', 'is empty']);
    fireEvent.change(op, { target: { value: 'gt' } });
    fireEvent.change(within(filter).getByLabelText('Value'), { target: { value: '1000' } });
    await waitFor(() => expect(screen.queryByRole('rowheader', { name: 'Small Co' })).toBeNull(), { timeout: 2000 });
    expect(calls.filter((c) => c.name === 'Customers').at(-1)?.variables).toMatchObject({ where: { customFields: [{ key: 'budget', gt: 1000 }] } });
    const exportLink = screen.getByRole('link', { name: 'Export CSV' }).getAttribute('href')!;
    expect(JSON.parse(new URL(exportLink, 'http://x').searchParams.get('where')!)).toEqual({ customFields: [{ key: 'budget', gt: 1000 }] });

    // A date field offers after/before; removing the filter lists everyone again.
    fireEvent.change(within(filter).getByLabelText('Custom field'), { target: { value: 'renewal' } });
    expect([...(within(filter).getByLabelText('Condition') as HTMLSelectElement).options].map((o) => o.textContent)).toEqual([
      'is',
      'after',
      'before',
      'has a value',
      'is empty',
    ]);
    fireEvent.change(within(filter).getByLabelText('Custom field'), { target: { value: 'tier' } });
    fireEvent.change(within(filter).getByLabelText('Value'), { target: { value: 'gold' } });
    fireEvent.change(screen.getByLabelText('View name'), { target: { value: 'Gold' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save this filter' }));
    await waitFor(() => expect(calls.some((c) => c.name === 'CreateSavedView')).toBe(true));
    expect(calls.find((c) => c.name === 'CreateSavedView')?.variables).toEqual({
      input: { name: 'Gold', shared: false, where: { customFields: [{ key: 'tier', eq: 'gold' }] } },
    });
    fireEvent.click(within(filter).getByRole('button', { name: 'Remove the custom field filter' }));
    expect(await screen.findByRole('rowheader', { name: 'Small Co' }, { timeout: 2000 })).toBeTruthy();
  });
});

describe('the custom fields admin page', () => {
  it('lists the fields, adds a choice list with its options, and shows refusals at the field', async () => {
    let created = false;
    const { calls } = renderAt('/admin/custom-fields', {
      Me: { data: { me: adminUser } },
      CustomFieldDefinitions: defsAnswer,
      CreateCustomFieldDefinition: (v) => {
        const input = (v as { input: { key: string } }).input;
        if (input.key === 'budget') {
          return { errors: [{ message: 'a custom field with this key exists', extensions: { code: 'CONFLICT', field: 'key' } }] };
        }
        created = true;
        return { data: { createCustomFieldDefinition: def(input.key, 'SELECT', 'Channel', '渠道') } };
      },
    });
    const table = await screen.findByRole('table');
    expect(within(screen.getByRole('navigation', { name: 'Main' })).getByRole('link', { name: 'Custom fields' })).toBeTruthy();
    expect(within(table).getAllByRole('rowheader').map((r) => r.textContent)).toEqual(['Tier', 'Budget', 'Renewal', 'Site visited', 'Notes']);
    expect(within(table).getByRole('row', { name: /Budget/ }).textContent).toContain('Number');

    const form = screen.getByRole('form', { name: 'New field' });
    fireEvent.click(within(form).getByRole('button', { name: 'Add field' }));
    await waitFor(() => expect(within(form).getByLabelText('Key').getAttribute('aria-invalid')).toBe('true'));
    expect(calls.some((c) => c.name === 'CreateCustomFieldDefinition')).toBe(false);

    fireEvent.change(within(form).getByLabelText('Key'), { target: { value: 'budget' } });
    fireEvent.change(within(form).getByLabelText('English label'), { target: { value: 'Channel' } });
    fireEvent.change(within(form).getByLabelText('Chinese label'), { target: { value: '渠道' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Add field' }));
    await waitFor(() => expect(within(form).getByLabelText('Key').getAttribute('aria-invalid')).toBe('true'));
    expect(within(form).getByRole('alert').textContent).toContain('That already exists.');

    fireEvent.change(within(form).getByLabelText('Key'), { target: { value: 'channel' } });
    fireEvent.change(within(form).getByLabelText('Type'), { target: { value: 'SELECT' } });
    fireEvent.change(within(form).getByLabelText('Options'), { target: { value: 'shop\nweb， phone' } });
    fireEvent.click(within(form).getByLabelText('Required'));
    fireEvent.click(within(form).getByRole('button', { name: 'Add field' }));
    expect(await screen.findByText('Field “Channel” added.')).toBeTruthy();
    expect(created).toBe(true);
    expect(calls.filter((c) => c.name === 'CreateCustomFieldDefinition').at(-1)?.variables).toEqual({
      input: { key: 'channel', type: 'SELECT', labelEn: 'Channel', labelZh: '渠道', options: ['shop', 'web', 'phone'], required: true, position: null },
    });
  });

  it('archives, refuses to delete a field in use, and edits labels but never the key', async () => {
    const { calls } = renderAt('/admin/custom-fields', {
      Me: { data: { me: adminUser } },
      CustomFieldDefinitions: defsAnswer,
      ArchiveCustomFieldDefinition: { data: { archiveCustomFieldDefinition: { ...defs[4], archived: true } } },
      DeleteCustomFieldDefinition: { errors: [{ message: '3 customers hold values of this field; archive it instead', extensions: { code: 'CONFLICT' } }] },
      UpdateCustomFieldDefinition: (v) => ({ data: { updateCustomFieldDefinition: { ...defs[0], labelEn: (v as { input: { labelEn: string } }).input.labelEn } } }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Archive Notes' }));
    expect(await screen.findByText('Field “Notes” saved.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'ArchiveCustomFieldDefinition')?.variables).toEqual({ id: 'F-notes' });

    fireEvent.click(screen.getByRole('button', { name: 'Delete Budget' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Archive the field instead');

    fireEvent.click(screen.getByRole('button', { name: 'Edit Tier' }));
    const form = screen.getByRole('form', { name: 'Edit “Tier”' });
    expect((within(form).getByLabelText('Key') as HTMLInputElement).readOnly).toBe(true);
    expect((within(form).getByLabelText('Type') as HTMLSelectElement).disabled).toBe(true);
    fireEvent.change(within(form).getByLabelText('English label'), { target: { value: 'Level' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Field “Level” saved.')).toBeTruthy();
    expect(calls.find((c) => c.name === 'UpdateCustomFieldDefinition')?.variables).toEqual({
      id: 'F-tier',
      input: { labelEn: 'Level', labelZh: '等级', required: false, position: 0, options: ['gold', 'silver'] },
    });

    fireEvent.click(screen.getByLabelText('Show archived fields'));
    expect(await screen.findByRole('rowheader', { name: 'Old code' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Restore Old code' })).toBeTruthy();
  });

  it('is for admins only, and speaks Chinese', async () => {
    const { unmount } = renderAt('/admin/custom-fields', { Me: { data: { me: managerUser } } });
    expect(await screen.findByText('Only administrators manage custom fields.')).toBeTruthy();
    expect(within(screen.getByRole('navigation', { name: 'Main' })).queryByRole('link', { name: 'Custom fields' })).toBeNull();
    unmount();
    renderAt('/admin/custom-fields', { Me: { data: { me: adminUser } }, CustomFieldDefinitions: defsAnswer }, 'zh-Hans');
    expect(await screen.findByRole('heading', { level: 1, name: '自定义字段' })).toBeTruthy();
    expect((await screen.findByRole('table')).textContent).toContain('选项列表');
  });
});

describe('custom field helpers', () => {
  it('builds a typed patch of what changed', () => {
    expect(customFieldsPatch(defs, { tier: 'gold', budget: '5', visited: '' }, { tier: 'gold', budget: ' 7.5 ', visited: 'false' })).toEqual({
      patch: { budget: 7.5, visited: false },
      errors: {},
    });
    expect(customFieldsPatch(defs, { budget: '5', renewal: '' }, { budget: '', renewal: '2025-13' }).errors).toEqual({
      budget: 'customField.required',
      renewal: 'error.badInput',
    });
  });

  it('turns filters into predicates and back', () => {
    expect(filterPredicate(defs, { key: 'budget', op: 'lte', value: '1,000' })).toEqual({ key: 'budget', lte: 1000 });
    expect(filterPredicate(defs, { key: 'budget', op: 'gt', value: 'x' })).toBeNull();
    expect(filterPredicate(defs, { key: 'visited', op: 'eq', value: 'true' })).toEqual({ key: 'visited', eq: true });
    expect(filterPredicate(defs, { key: 'notes', op: 'isNil', value: '' })).toEqual({ key: 'notes', isNil: true });
    expect(filterPredicate(defs, { key: 'notes', op: 'contains', value: '' })).toBeNull();
    expect(predicateFilter({ key: 'tier', eq: 'gold' })).toEqual({ key: 'tier', op: 'eq', value: 'gold' });
    expect(predicateFilter({ key: 'notes', isNil: false })).toEqual({ key: 'notes', op: 'hasValue', value: '' });
    const where = viewWhere('王', { key: 'budget', gt: 1000 });
    expect(where).toEqual({ or: [{ nameContainsFold: '王' }, { emailContainsFold: '王' }], customFields: [{ key: 'budget', gt: 1000 }] });
    expect(viewCustomFilter(where)).toEqual({ key: 'budget', op: 'gt', value: '1000' });
    expect(viewWhere('', null)).toBeNull();
  });

  it('formats values for people', () => {
    const t = (k: string) => ({ 'common.yes': 'Yes', 'common.no': 'No' })[k] ?? k;
    expect(formatCustomValue('DATE', '2024-02-29', { locale: 'en', t })).toBe('Feb 29, 2024');
    expect(formatCustomValue('NUMBER', 1234.5, { locale: 'zh-Hans', t })).toBe('1,234.5');
    expect(formatCustomValue('BOOLEAN', true, { locale: 'en', t })).toBe('Yes');
    expect(formatCustomValue('TEXT', '', { locale: 'en', t })).toBeNull();
    expect(splitOptions('a, b\n\nc、d，e')).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
});
