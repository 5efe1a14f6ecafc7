import { graphql } from './gql';

// Every GraphQL operation the app sends. `npm run codegen` turns these into
// typed documents in src/gql/ (checked against the server's schema).

export const ViewerFields = graphql(`
  fragment ViewerFields on User {
    id
    email
    role
    member {
      id
      handle
      displayName
    }
  }
`);

export const MeQuery = graphql(`
  query Me {
    me {
      ...ViewerFields
    }
  }
`);

export const LogInMutation = graphql(`
  mutation LogIn($email: String!, $password: String!) {
    logIn(email: $email, password: $password) {
      user {
        ...ViewerFields
      }
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      user {
        ...ViewerFields
      }
    }
  }
`);

export const LogOutMutation = graphql(`
  mutation LogOut {
    logOut
  }
`);

export const BoardsQuery = graphql(`
  query Boards {
    boards(first: 50, orderBy: { field: POSITION, direction: ASC }) {
      edges {
        node {
          id
          name
          slug
          description
        }
      }
    }
  }
`);

export const BoardQuery = graphql(`
  query Board($id: ID!) {
    node(id: $id) {
      ... on Board {
        id
        name
        slug
        description
        postAccess
      }
    }
  }
`);

export const PostFields = graphql(`
  fragment PostFields on Post {
    id
    title
    body
    tags
    createdAt
    pinned
    locked
    comments(first: 0) {
      totalCount
    }
    author {
      id
      handle
      displayName
    }
    board {
      id
      name
    }
    reactions {
      ...ReactionFields
    }
  }
`);

export const PostsQuery = graphql(`
  query BoardPosts($boardId: ID!, $first: Int!, $after: Cursor) {
    posts(
      first: $first
      after: $after
      where: { hasBoardWith: [{ id: $boardId }] }
      orderBy: { field: CREATED_AT, direction: DESC }
    ) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...PostFields
        }
      }
    }
  }
`);

export const PostAddedSubscription = graphql(`
  subscription PostAdded($boardId: ID) {
    postAdded(boardId: $boardId) {
      ...PostFields
    }
  }
`);

export const CreatePostMutation = graphql(`
  mutation CreatePost($input: CreatePostInput!) {
    createPost(input: $input) {
      ...PostFields
    }
  }
`);

export const CustomersQuery = graphql(`
  query Customers(
    $first: Int
    $after: Cursor
    $last: Int
    $before: Cursor
    $where: CustomerWhereInput
    $orderBy: CustomerOrder = { field: NAME, direction: ASC }
  ) {
    customers(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {
      totalCount
      pageInfo {
        hasNextPage
        hasPreviousPage
        startCursor
        endCursor
      }
      edges {
        node {
          id
          kind
          name
          email
          phone
          region
          tags
          createdAt
          valueTier
          paretoTop20
          dueStatus
          rfm {
            segment
          }
        }
      }
    }
  }
`);

// ---------------------------------------------------------------------------
// Community: posts, comments, reactions, follows, notifications, moderation.

export const ReactionFields = graphql(`
  fragment ReactionFields on ReactionSummary {
    subjectId
    counts {
      kind
      count
    }
    viewerReactions
  }
`);

export const CommentFields = graphql(`
  fragment CommentFields on Comment {
    id
    postID
    parentID
    body
    bodyHTML
    hidden
    createdAt
    updatedAt
    author {
      id
      handle
      displayName
    }
    reactions {
      ...ReactionFields
    }
  }
`);

export const COMMENTS_PAGE = 200;

export const PostPageQuery = graphql(`
  query PostPage($id: ID!, $first: Int!) {
    node(id: $id) {
      ... on Post {
        ...PostFields
        bodyHTML
        hidden
        updatedAt
        thread: comments(first: $first, orderBy: { field: CREATED_AT, direction: ASC }) {
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              ...CommentFields
            }
          }
        }
      }
      ... on Comment {
        id
        postID
      }
    }
  }
`);

export const MoreCommentsQuery = graphql(`
  query MoreComments($id: ID!, $first: Int!, $after: Cursor) {
    node(id: $id) {
      ... on Post {
        id
        thread: comments(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {
          pageInfo {
            hasNextPage
            endCursor
          }
          edges {
            node {
              ...CommentFields
            }
          }
        }
      }
    }
  }
`);

export const ReactMutation = graphql(`
  mutation React($subjectId: ID!, $kind: ReactionKind!) {
    react(subjectId: $subjectId, kind: $kind) {
      ...ReactionFields
    }
  }
`);

export const UnreactMutation = graphql(`
  mutation Unreact($subjectId: ID!, $kind: ReactionKind!) {
    unreact(subjectId: $subjectId, kind: $kind) {
      ...ReactionFields
    }
  }
`);

export const CreateCommentMutation = graphql(`
  mutation CreateComment($input: CreateCommentInput!) {
    createComment(input: $input) {
      ...CommentFields
    }
  }
`);

export const UpdateCommentMutation = graphql(`
  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) {
    updateComment(id: $id, input: $input) {
      ...CommentFields
    }
  }
`);

export const DeleteCommentMutation = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id)
  }
`);

export const UpdatePostMutation = graphql(`
  mutation UpdatePost($id: ID!, $input: UpdatePostInput!) {
    updatePost(id: $id, input: $input) {
      ...PostFields
      bodyHTML
      hidden
      updatedAt
    }
  }
`);

export const DeletePostMutation = graphql(`
  mutation DeletePost($id: ID!) {
    deletePost(id: $id)
  }
`);

export const CommentAddedSubscription = graphql(`
  subscription CommentAdded($postId: ID!) {
    commentAdded(postId: $postId) {
      ...CommentFields
    }
  }
`);

export const SearchPostsQuery = graphql(`
  query SearchPosts($query: String!, $first: Int!) {
    searchPosts(query: $query, first: $first) {
      totalCount
      edges {
        node {
          ...PostFields
        }
      }
    }
  }
`);

export const ReportContentMutation = graphql(`
  mutation ReportContent($subjectId: ID!, $reason: String!) {
    reportContent(subjectId: $subjectId, reason: $reason) {
      id
    }
  }
`);

export const MemberFields = graphql(`
  fragment MemberFields on Member {
    id
    handle
    displayName
    bio
    avatarURL
    createdAt
    followerCount
    followingCount
    viewerFollows
  }
`);

export const MemberProfileQuery = graphql(`
  query MemberProfile($id: ID!) {
    node(id: $id) {
      ... on Member {
        ...MemberFields
        posts(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              ...PostFields
            }
          }
        }
      }
    }
  }
`);

export const FollowMutation = graphql(`
  mutation Follow($memberId: ID!) {
    follow(memberId: $memberId) {
      ...MemberFields
    }
  }
`);

export const UnfollowMutation = graphql(`
  mutation Unfollow($memberId: ID!) {
    unfollow(memberId: $memberId) {
      ...MemberFields
    }
  }
`);

export const NotificationFields = graphql(`
  fragment NotificationFields on Notification {
    id
    kind
    createdAt
    readAt
    subjectID
    actor {
      id
      handle
      displayName
    }
  }
`);

export const MyNotificationsQuery = graphql(`
  query MyNotifications($first: Int!) {
    unread: myNotifications(unreadOnly: true, first: 0) {
      totalCount
    }
    myNotifications(first: $first) {
      edges {
        node {
          ...NotificationFields
        }
      }
    }
  }
`);

export const NotificationsSubscription = graphql(`
  subscription Notifications {
    notifications {
      ...NotificationFields
    }
  }
`);

export const MarkNotificationsReadMutation = graphql(`
  mutation MarkNotificationsRead($ids: [ID!]) {
    markNotificationsRead(ids: $ids)
  }
`);

export const ModerationQueueQuery = graphql(`
  query ModerationQueue($first: Int!) {
    moderationQueue(first: $first) {
      totalCount
      edges {
        node {
          id
          reason
          status
          createdAt
          reporter {
            id
            handle
            displayName
          }
          post {
            id
            title
            body
            hidden
            locked
            pinned
            author {
              id
              handle
              displayName
            }
          }
          comment {
            id
            body
            hidden
            author {
              id
              handle
              displayName
            }
          }
        }
      }
    }
  }
`);

export const HidePostMutation = graphql(`
  mutation HidePost($id: ID!) {
    hidePost(id: $id) {
      id
      hidden
    }
  }
`);

export const UnhidePostMutation = graphql(`
  mutation UnhidePost($id: ID!) {
    unhidePost(id: $id) {
      id
      hidden
    }
  }
`);

export const HideCommentMutation = graphql(`
  mutation HideComment($id: ID!) {
    hideComment(id: $id) {
      id
      hidden
    }
  }
`);

export const UnhideCommentMutation = graphql(`
  mutation UnhideComment($id: ID!) {
    unhideComment(id: $id) {
      id
      hidden
    }
  }
`);

export const LockPostMutation = graphql(`
  mutation LockPost($id: ID!, $locked: Boolean!) {
    lockPost(id: $id, locked: $locked) {
      id
      locked
    }
  }
`);

export const PinPostMutation = graphql(`
  mutation PinPost($id: ID!, $pinned: Boolean!) {
    pinPost(id: $id, pinned: $pinned) {
      id
      pinned
    }
  }
`);

export const DismissReportMutation = graphql(`
  mutation DismissReport($id: ID!) {
    dismissReport(id: $id) {
      id
      status
    }
  }
`);

export const BoardEventsSubscription = graphql(`
  subscription BoardEvents($boardId: ID!) {
    boardEvents(boardId: $boardId) {
      type
      postId
      commentId
      post {
        ...PostFields
        bodyHTML
        hidden
        updatedAt
      }
      comment {
        ...CommentFields
      }
      reactions {
        ...ReactionFields
      }
    }
  }
`);

// ---------------------------------------------------------------------------
// Customers: the member's own area (/me) and the staff customer 360 page.

export const OrderFields = graphql(`
  fragment OrderFields on Order {
    id
    source
    externalID
    amount
    costToServe
    currency
    channel
    productCategory
    orderedAt
    kind
    note
    cancellation {
      id
    }
  }
`);

export const TicketFields = graphql(`
  fragment TicketFields on Ticket {
    id
    title
    description
    status
    priority
    createdAt
    updatedAt
    firstResponseAt
    resolvedAt
  }
`);

export const MyAccountQuery = graphql(`
  query MyAccount {
    me {
      id
      email
      emailVerifiedAt
      customer {
        id
        name
        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              ...OrderFields
            }
          }
        }
        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              ...TicketFields
            }
          }
        }
      }
    }
  }
`);

export const CreateMyTicketMutation = graphql(`
  mutation CreateMyTicket($input: CreateMyTicketInput!) {
    createMyTicket(input: $input) {
      ...TicketFields
    }
  }
`);

export const StaffUserFields = graphql(`
  fragment StaffUserFields on User {
    id
    email
    role
    member {
      id
      displayName
    }
  }
`);

export const CustomerProfileFields = graphql(`
  fragment CustomerProfileFields on Customer {
    id
    createdAt
    updatedAt
    kind
    name
    email
    phone
    address
    region
    legalRepresentative
    foundedOn
    occupation
    interests
    industry
    companySize
    serviceArea
    salesCapacity
    growthPotential
    businessStatus
    paymentBehaviour
    openIssues
    tags
    customFields
    creditRating
    riskLevel
    valueTier
    blacklisted
    owner {
      ...StaffUserFields
    }
    team {
      id
      role
      user {
        ...StaffUserFields
      }
    }
  }
`);

export const CustomerPageQuery = graphql(`
  query CustomerPage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Customer {
        ...CustomerProfileFields
        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              ...OrderFields
            }
          }
        }
        careRecords(first: 50, orderBy: { field: OCCURRED_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              id
              kind
              notes
              occurredAt
              followUpAt
              followedUpAt
              author {
                ...StaffUserFields
              }
            }
          }
        }
        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              ...TicketFields
              assignee {
                ...StaffUserFields
              }
            }
          }
        }
        history(first: 50) {
          totalCount
          edges {
            node {
              id
              field
              oldValue
              newValue
              actorID
              createdAt
            }
          }
        }
      }
    }
  }
`);

/**
 * Names for the people in a customer's history. Looked up by node, which
 * goes through the same privacy rules as everything else (staff may read
 * staff accounts); the users list itself is for admins.
 */
export const UsersByIdQuery = graphql(`
  query UsersById($ids: [ID!]!) {
    nodes(ids: $ids) {
      ... on User {
        __typename
        ...StaffUserFields
      }
    }
  }
`);

export const UpdateCustomerMutation = graphql(`
  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {
    updateCustomer(id: $id, input: $input) {
      ...CustomerProfileFields
    }
  }
`);

export const CreateCareRecordMutation = graphql(`
  mutation CreateCareRecord($input: CreateCareRecordInput!) {
    createCareRecord(input: $input) {
      id
    }
  }
`);

export const CreateTicketMutation = graphql(`
  mutation CreateTicket($input: CreateTicketInput!) {
    createTicket(input: $input) {
      id
    }
  }
`);

// ---------------------------------------------------------------------------
// E-mail verification and password reset (links mailed by the server).

export const RequestEmailVerificationMutation = graphql(`
  mutation RequestEmailVerification {
    requestEmailVerification
  }
`);

export const VerifyEmailMutation = graphql(`
  mutation VerifyEmail($token: String!) {
    verifyEmail(token: $token) {
      id
      emailVerifiedAt
    }
  }
`);

export const RequestPasswordResetMutation = graphql(`
  mutation RequestPasswordReset($email: String!) {
    requestPasswordReset(email: $email)
  }
`);

export const ResetPasswordMutation = graphql(`
  mutation ResetPassword($token: String!, $newPassword: String!) {
    resetPassword(token: $token, newPassword: $newPassword) {
      user {
        ...ViewerFields
      }
    }
  }
`);

// ---- Import, merge (the import mutations themselves are sent with fetch:
// see importWizard.ts) ----

export const ImportJobFields = graphql(`
  fragment ImportJobFields on Job {
    id
    kind
    status
    progressDone
    progressTotal
    message
    error
    importResult {
      kind
      rows
      created
      updated
      skipped
      duplicates
      alreadyPresent
      written
      errorCount
      errors {
        line
        field
        code
        message
      }
    }
  }
`);

export const ImportJobSubscription = graphql(`
  subscription ImportJob($id: ID!) {
    jobProgress(id: $id) {
      ...ImportJobFields
    }
  }
`);

export const MergeCandidatesQuery = graphql(`
  query MergeCandidates($q: String!) {
    customers(first: 8, where: { or: [{ nameContainsFold: $q }, { emailContainsFold: $q }] }) {
      edges {
        node {
          id
          name
          email
          region
        }
      }
    }
  }
`);

export const MergeCustomersMutation = graphql(`
  mutation MergeCustomers($keepId: ID!, $mergeId: ID!) {
    mergeCustomers(keepId: $keepId, mergeId: $mergeId) {
      id
      name
    }
  }
`);

// ---- Key accounts: the 360 panel, my accounts, the pool, saved views ----

export const KeyAccountFields = graphql(`
  fragment KeyAccountFields on Customer {
    id
    name
    region
    keyAccount
    accountScope
    cooperationLevel
    lifecycleStage
    riskLevel
    riskReason
    valueTier
    blacklisted
    ownerSince
    owner {
      ...StaffUserFields
    }
  }
`);

export const KeyAccountQuery = graphql(`
  query KeyAccount($id: ID!) {
    node(id: $id) {
      __typename
      ... on Customer {
        ...KeyAccountFields
        team {
          id
          role
          user {
            ...StaffUserFields
          }
        }
        tickets(first: 20, where: { statusIn: [OPEN, IN_PROGRESS] }, orderBy: { field: CREATED_AT, direction: DESC }) {
          edges {
            node {
              id
              title
              priority
              status
              slaFirstResponseDueAt
              slaResolutionDueAt
              slaBreached
            }
          }
        }
      }
    }
  }
`);

export const TeamCandidatesQuery = graphql(`
  query TeamCandidates {
    accountTeamCandidates {
      ...StaffUserFields
    }
  }
`);

export const UpdateKeyAccountMutation = graphql(`
  mutation UpdateKeyAccount($id: ID!, $input: UpdateCustomerInput!) {
    updateCustomer(id: $id, input: $input) {
      ...KeyAccountFields
    }
  }
`);

export const LowerRiskLevelMutation = graphql(`
  mutation LowerRiskLevel($customerId: ID!, $level: CustomerRiskLevel!, $reason: String!) {
    lowerRiskLevel(customerId: $customerId, level: $level, reason: $reason) {
      ...KeyAccountFields
    }
  }
`);

export const SetBlacklistedMutation = graphql(`
  mutation SetBlacklisted($customerId: ID!, $blacklisted: Boolean!, $reason: String!) {
    setBlacklisted(customerId: $customerId, blacklisted: $blacklisted, reason: $reason) {
      ...KeyAccountFields
    }
  }
`);

export const SetAccountTeamMemberMutation = graphql(`
  mutation SetAccountTeamMember($customerId: ID!, $userId: ID!, $role: AccountTeamMemberRole!) {
    setAccountTeamMember(customerId: $customerId, userId: $userId, role: $role) {
      id
      role
    }
  }
`);

export const RemoveAccountTeamMemberMutation = graphql(`
  mutation RemoveAccountTeamMember($customerId: ID!, $userId: ID!) {
    removeAccountTeamMember(customerId: $customerId, userId: $userId)
  }
`);

export const AccountAlertFields = graphql(`
  fragment AccountAlertFields on AccountAlert {
    id
    kind
    riskLevel
    reason
    createdAt
    customer {
      id
      name
    }
  }
`);

export const MyAccountsQuery = graphql(`
  query MyAccounts {
    myAccounts(first: 100, orderBy: { field: NAME, direction: ASC }) {
      totalCount
      edges {
        node {
          ...KeyAccountFields
        }
      }
    }
    recentAccountAlerts(first: 20) {
      edges {
        node {
          ...AccountAlertFields
        }
      }
    }
  }
`);

export const AccountAlertsSubscription = graphql(`
  subscription AccountAlerts {
    accountAlerts {
      ...AccountAlertFields
    }
  }
`);

export const CustomerPoolQuery = graphql(`
  query CustomerPool($first: Int, $after: Cursor) {
    customerPool(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          region
          valueTier
          riskLevel
          pooledAt
        }
      }
    }
  }
`);

export const ClaimCustomerMutation = graphql(`
  mutation ClaimCustomer($id: ID!) {
    claimCustomer(id: $id) {
      id
      ownerSince
    }
  }
`);

export const SavedViewsQuery = graphql(`
  query SavedViews {
    savedViews(first: 100) {
      edges {
        node {
          id
          name
          where
          shared
          ownerID
        }
      }
    }
  }
`);

export const CreateSavedViewMutation = graphql(`
  mutation CreateSavedView($input: CreateSavedViewInput!) {
    createSavedView(input: $input) {
      id
    }
  }
`);

export const DeleteSavedViewMutation = graphql(`
  mutation DeleteSavedView($id: ID!) {
    deleteSavedView(id: $id)
  }
`);

// ---------------------------------------------------------------------------
// Custom fields of the customer file: admins define them; the 360 page, the
// customer list's filter and the history read the definitions.

export const CustomFieldDefinitionFields = graphql(`
  fragment CustomFieldDefinitionFields on CustomFieldDefinition {
    id
    key
    type
    options
    labelEn
    labelZh
    required
    position
    archived
  }
`);

export const CustomFieldDefinitionsQuery = graphql(`
  query CustomFieldDefinitions($includeArchived: Boolean) {
    customFieldDefinitions(includeArchived: $includeArchived) {
      ...CustomFieldDefinitionFields
    }
  }
`);

export const CreateCustomFieldDefinitionMutation = graphql(`
  mutation CreateCustomFieldDefinition($input: CreateCustomFieldDefinitionInput!) {
    createCustomFieldDefinition(input: $input) {
      ...CustomFieldDefinitionFields
    }
  }
`);

export const UpdateCustomFieldDefinitionMutation = graphql(`
  mutation UpdateCustomFieldDefinition($id: ID!, $input: UpdateCustomFieldDefinitionInput!) {
    updateCustomFieldDefinition(id: $id, input: $input) {
      ...CustomFieldDefinitionFields
    }
  }
`);

export const ArchiveCustomFieldDefinitionMutation = graphql(`
  mutation ArchiveCustomFieldDefinition($id: ID!) {
    archiveCustomFieldDefinition(id: $id) {
      ...CustomFieldDefinitionFields
    }
  }
`);

export const RestoreCustomFieldDefinitionMutation = graphql(`
  mutation RestoreCustomFieldDefinition($id: ID!) {
    restoreCustomFieldDefinition(id: $id) {
      ...CustomFieldDefinitionFields
    }
  }
`);

export const DeleteCustomFieldDefinitionMutation = graphql(`
  mutation DeleteCustomFieldDefinition($id: ID!) {
    deleteCustomFieldDefinition(id: $id)
  }
`);

// Loyalty points (銷售累計獎勵): the balance and ledger of one customer, the
// staff's redemptions and adjustments, the programme's rules.

export const PointsEntryFields = graphql(`
  fragment PointsEntryFields on PointsEntry {
    id
    createdAt
    kind
    points
    balanceAfter
    shortfall
    reason
    activity
    order {
      id
      kind
      externalID
      amount
      currency
      orderedAt
    }
    actor {
      ...StaffUserFields
    }
  }
`);

export const CustomerLoyaltyQuery = graphql(`
  query CustomerLoyalty($id: ID!, $first: Int) {
    node(id: $id) {
      __typename
      ... on Customer {
        id
        loyaltyPoints
        loyaltyLedger(first: $first) {
          totalCount
          edges {
            node {
              ...PointsEntryFields
            }
          }
        }
      }
    }
  }
`);

export const RedeemPointsMutation = graphql(`
  mutation RedeemPoints($customerId: ID!, $points: Int!, $reason: String!) {
    redeemPoints(customerId: $customerId, points: $points, reason: $reason) {
      id
      balanceAfter
    }
  }
`);

export const AdjustPointsMutation = graphql(`
  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {
    adjustPoints(customerId: $customerId, points: $points, reason: $reason) {
      id
      balanceAfter
    }
  }
`);

export const LoyaltySettingsFields = graphql(`
  fragment LoyaltySettingsFields on LoyaltySettings {
    orderUnit
    orderPoints
    redeemMinimum
    activities {
      activity
      points
      dailyCap
    }
  }
`);

export const LoyaltySettingsQuery = graphql(`
  query LoyaltySettings {
    loyaltySettings {
      ...LoyaltySettingsFields
    }
  }
`);

export const UpdateLoyaltySettingsMutation = graphql(`
  mutation UpdateLoyaltySettings($input: LoyaltySettingsInput!) {
    updateLoyaltySettings(input: $input) {
      ...LoyaltySettingsFields
    }
  }
`);

// ---------------------------------------------------------------------------
// Receivables (invoices and payments) and partner API keys

export const InvoiceFields = graphql(`
  fragment InvoiceFields on Invoice {
    id
    number
    amount
    currency
    paidAmount
    openAmount
    overdue
    status
    issuedAt
    dueAt
    note
    voidReason
  }
`);

export const ReceivablesSummaryFields = graphql(`
  fragment ReceivablesSummaryFields on Receivables {
    currency
    open
    overdue
    openInvoices
    overdueInvoices
  }
`);

export const CustomerReceivablesQuery = graphql(`
  query CustomerReceivables($id: ID!) {
    node(id: $id) {
      __typename
      ... on Customer {
        id
        receivables {
          ...ReceivablesSummaryFields
        }
        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              ...InvoiceFields
            }
          }
        }
      }
    }
  }
`);

export const MyInvoicesQuery = graphql(`
  query MyInvoices {
    me {
      id
      customer {
        id
        receivables {
          ...ReceivablesSummaryFields
        }
        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {
          totalCount
          edges {
            node {
              ...InvoiceFields
            }
          }
        }
      }
    }
  }
`);

export const CreateInvoiceMutation = graphql(`
  mutation CreateInvoice($input: CreateInvoiceInput!) {
    createInvoice(input: $input) {
      ...InvoiceFields
    }
  }
`);

export const RecordPaymentMutation = graphql(`
  mutation RecordPayment($input: RecordPaymentInput!) {
    recordPayment(input: $input) {
      id
      amount
      invoice {
        ...InvoiceFields
      }
    }
  }
`);

export const VoidInvoiceMutation = graphql(`
  mutation VoidInvoice($id: ID!, $reason: String!) {
    voidInvoice(id: $id, reason: $reason) {
      ...InvoiceFields
    }
  }
`);

export const ApiKeyFields = graphql(`
  fragment ApiKeyFields on ApiKey {
    id
    name
    prefix
    scopes
    sources
    createdAt
    expiresAt
    lastUsedAt
    revokedAt
    active
  }
`);

export const ApiKeysQuery = graphql(`
  query ApiKeys {
    apiKeys(first: 100) {
      totalCount
      edges {
        node {
          ...ApiKeyFields
        }
      }
    }
  }
`);

export const IssueApiKeyMutation = graphql(`
  mutation IssueApiKey($input: IssueApiKeyInput!) {
    issueApiKey(input: $input) {
      secret
      key {
        ...ApiKeyFields
      }
    }
  }
`);

export const RevokeApiKeyMutation = graphql(`
  mutation RevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      ...ApiKeyFields
    }
  }
`);

// ---------------------------------------------------------------------------
// Value analysis: the scores on the customer page, and a recompute.

export const CustomerValueQuery = graphql(`
  query CustomerValue($id: ID!, $from: Time!, $to: Time!) {
    node(id: $id) {
      __typename
      ... on Customer {
        id
        contributionReport(from: $from, to: $to, period: YEAR) {
          currency
        }
        valueTier
        contribution
        monetary
        orderCount
        paretoPercentile
        paretoTop20
        lastOrderAt
        expectedNextOrderAt
        dueStatus
        rfm {
          recency
          frequency
          monetary
          segment
        }
        boughtCategories
        crossSell(limit: 5) {
          category
          customers
          share
        }
      }
    }
  }
`);

export const RecomputeScoresMutation = graphql(`
  mutation RecomputeScores {
    recomputeScores {
      id
      status
    }
  }
`);
