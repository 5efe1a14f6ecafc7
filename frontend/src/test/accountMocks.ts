import type { Answer } from './mockClient';

/** Empty answers for the parts other pages now embed (saved views, the 360 panel, custom fields). */
export const accountDefaults: Record<string, Answer> = {
  CustomerLoyalty: { data: { node: null } },
  SavedViews: { data: { savedViews: { __typename: 'SavedViewConnection', edges: [] } } },
  KeyAccount: { data: { node: null } },
  TeamCandidates: { data: { accountTeamCandidates: [] } },
  ContributionReport: { data: { node: null } },
  CustomFieldDefinitions: { data: { customFieldDefinitions: [] } },
  CustomerReceivables: { data: { node: null } },
  MyInvoices: { data: { me: null } },
  CustomerValue: { data: { node: null } },
};
