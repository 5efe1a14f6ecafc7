import type { Answer } from './mockClient';

/** Empty answers for the key-account parts other pages now embed (saved views, the 360 panel). */
export const accountDefaults: Record<string, Answer> = {
  SavedViews: { data: { savedViews: { __typename: 'SavedViewConnection', edges: [] } } },
  KeyAccount: { data: { node: null } },
  TeamCandidates: { data: { accountTeamCandidates: [] } },
  CustomerReceivables: { data: { node: null } },
  MyInvoices: { data: { me: null } },
};
