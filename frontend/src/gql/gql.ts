/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query ContributionReport($id: ID!, $from: Time!, $to: Time!, $period: ContributionPeriodUnit!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        contributionReport(from: $from, to: $to, period: $period) {\n          currency\n          total {\n            revenue\n            costToServe\n            contribution\n            orders\n          }\n          periods {\n            start\n            end\n            revenue\n            costToServe\n            contribution\n            orders\n          }\n        }\n      }\n    }\n  }\n": typeof types.ContributionReportDocument,
    "\n  mutation CancelOrder($id: ID!, $note: String) {\n    cancelOrder(id: $id, note: $note) {\n      id\n      kind\n    }\n  }\n": typeof types.CancelOrderDocument,
    "\n  query InsightsBasis {\n    insightsBasis {\n      timeZone\n      reportingCurrency\n    }\n  }\n": typeof types.InsightsBasisDocument,
    "\n  fragment SalesFiguresFields on SalesFigures {\n    revenue\n    cost\n    contribution\n    orders\n    customers\n  }\n": typeof types.SalesFiguresFieldsFragmentDoc,
    "\n  fragment SalesBreakdownFields on SalesBreakdown {\n    currency\n    total {\n      ...SalesFiguresFields\n    }\n    groups {\n      key\n      figures {\n        ...SalesFiguresFields\n      }\n    }\n  }\n": typeof types.SalesBreakdownFieldsFragmentDoc,
    "\n  query InsightsPerformance($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {\n    salesOverTime(period: $period, from: $from, to: $to, by: $by, top: 6) {\n      currency\n      periods {\n        start\n        figures {\n          ...SalesFiguresFields\n        }\n      }\n      series {\n        key\n        other\n        periods {\n          figures {\n            revenue\n          }\n        }\n      }\n    }\n    byCategory: salesBreakdown(by: CATEGORY, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    byChannel: salesBreakdown(by: CHANNEL, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    byRegion: salesBreakdown(by: REGION, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n  }\n": typeof types.InsightsPerformanceDocument,
    "\n  query InsightsProduct($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    salesBreakdown(by: CATEGORY, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    salesOverTime(period: $period, from: $from, to: $to, by: CATEGORY, top: 6) {\n      periods {\n        start\n      }\n      series {\n        key\n        other\n        periods {\n          figures {\n            orders\n          }\n        }\n      }\n    }\n  }\n": typeof types.InsightsProductDocument,
    "\n  query InsightsProfiling {\n    region: customerProfile(by: REGION) {\n      ...ProfileGroupFields\n    }\n    industry: customerProfile(by: INDUSTRY) {\n      ...ProfileGroupFields\n    }\n    kind: customerProfile(by: KIND) {\n      ...ProfileGroupFields\n    }\n    lifecycle: customerProfile(by: LIFECYCLE_STAGE) {\n      ...ProfileGroupFields\n    }\n  }\n  fragment ProfileGroupFields on CustomerProfileGroup {\n    key\n    other\n    customers\n    keyAccounts\n  }\n": typeof types.InsightsProfilingDocument,
    "\n  query InsightsProfitability($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {\n    salesOverTime(period: $period, from: $from, to: $to) {\n      currency\n      periods {\n        start\n        figures {\n          ...SalesFiguresFields\n        }\n      }\n    }\n    salesBreakdown(by: $by, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n  }\n": typeof types.InsightsProfitabilityDocument,
    "\n  query InsightsProspecting($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    customerCounts(period: $period, from: $from, to: $to) {\n      start\n      newCustomers\n      firstTimeBuyers\n      activeBuyers\n      totalCustomers\n    }\n  }\n": typeof types.InsightsProspectingDocument,
    "\n  query InsightsPersistency($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    retention(period: $period, from: $from, to: $to) {\n      start\n      buyers\n      retained\n      churned\n      rate\n    }\n    satisfactionTrend(period: $period, from: $from, to: $to) {\n      start\n      ticketsResolved\n      resolvedWithinSLA\n      share\n    }\n    communityActivity(period: $period, from: $from, to: $to) {\n      start\n      posts\n      comments\n      reactions\n      activeMembers\n      newMembers\n    }\n    loyaltyOverTime(period: $period, from: $from, to: $to) {\n      outstanding\n      holders\n      periods {\n        start\n        issued\n        earnedOrders\n        earnedActivities\n        adjustedUp\n        adjustedDown\n        redeemed\n        reversed\n        net\n        earners\n        redeemers\n        outstanding\n      }\n    }\n  }\n": typeof types.InsightsPersistencyDocument,
    "\n  query InsightsValue($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    paretoCurve(points: 20) {\n      customerShare\n      contributionShare\n      customers\n    }\n    paretoSummary {\n      customers\n      totalContribution\n      topShare\n    }\n    valueTierCounts {\n      tier\n      customers\n      contribution\n    }\n    valueTierMovements(from: $from, to: $to) {\n      from\n      to\n      customers\n    }\n    valueTiersOverTime(period: $period, from: $from, to: $to) {\n      start\n      tiers {\n        tier\n        customers\n        entered\n        left\n      }\n    }\n    rfmGrid {\n      recency\n      frequency\n      customers\n      monetary\n    }\n  }\n": typeof types.InsightsValueDocument,
    "\n  fragment ViewerFields on User {\n    id\n    email\n    role\n    member {\n      id\n      handle\n      displayName\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.LogInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation LogOut {\n    logOut\n  }\n": typeof types.LogOutDocument,
    "\n  query Boards {\n    boards(first: 50, orderBy: { field: POSITION, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          slug\n          description\n        }\n      }\n    }\n  }\n": typeof types.BoardsDocument,
    "\n  query Board($id: ID!) {\n    node(id: $id) {\n      ... on Board {\n        id\n        name\n        slug\n        description\n        postAccess\n      }\n    }\n  }\n": typeof types.BoardDocument,
    "\n  fragment PostFields on Post {\n    id\n    title\n    body\n    tags\n    createdAt\n    pinned\n    locked\n    comments(first: 0) {\n      totalCount\n    }\n    author {\n      id\n      handle\n      displayName\n    }\n    board {\n      id\n      name\n    }\n    reactions {\n      ...ReactionFields\n    }\n  }\n": typeof types.PostFieldsFragmentDoc,
    "\n  query BoardPosts($boardId: ID!, $first: Int!, $after: Cursor) {\n    posts(\n      first: $first\n      after: $after\n      where: { hasBoardWith: [{ id: $boardId }] }\n      orderBy: { field: CREATED_AT, direction: DESC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n": typeof types.BoardPostsDocument,
    "\n  subscription PostAdded($boardId: ID) {\n    postAdded(boardId: $boardId) {\n      ...PostFields\n    }\n  }\n": typeof types.PostAddedDocument,
    "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": typeof types.CreatePostDocument,
    "\n  query Customers(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: CustomerWhereInput\n    $orderBy: CustomerOrder = { field: NAME, direction: ASC }\n  ) {\n    customers(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          kind\n          name\n          email\n          phone\n          region\n          tags\n          createdAt\n          valueTier\n          paretoTop20\n          dueStatus\n          rfm {\n            segment\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomersDocument,
    "\n  fragment ReactionFields on ReactionSummary {\n    subjectId\n    counts {\n      kind\n      count\n    }\n    viewerReactions\n  }\n": typeof types.ReactionFieldsFragmentDoc,
    "\n  fragment CommentFields on Comment {\n    id\n    postID\n    parentID\n    body\n    bodyHTML\n    hidden\n    createdAt\n    updatedAt\n    author {\n      id\n      handle\n      displayName\n    }\n    reactions {\n      ...ReactionFields\n    }\n  }\n": typeof types.CommentFieldsFragmentDoc,
    "\n  query PostPage($id: ID!, $first: Int!) {\n    node(id: $id) {\n      ... on Post {\n        ...PostFields\n        bodyHTML\n        hidden\n        updatedAt\n        thread: comments(first: $first, orderBy: { field: CREATED_AT, direction: ASC }) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              ...CommentFields\n            }\n          }\n        }\n      }\n      ... on Comment {\n        id\n        postID\n      }\n    }\n  }\n": typeof types.PostPageDocument,
    "\n  query MoreComments($id: ID!, $first: Int!, $after: Cursor) {\n    node(id: $id) {\n      ... on Post {\n        id\n        thread: comments(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              ...CommentFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MoreCommentsDocument,
    "\n  mutation React($subjectId: ID!, $kind: ReactionKind!) {\n    react(subjectId: $subjectId, kind: $kind) {\n      ...ReactionFields\n    }\n  }\n": typeof types.ReactDocument,
    "\n  mutation Unreact($subjectId: ID!, $kind: ReactionKind!) {\n    unreact(subjectId: $subjectId, kind: $kind) {\n      ...ReactionFields\n    }\n  }\n": typeof types.UnreactDocument,
    "\n  mutation CreateComment($input: CreateCommentInput!) {\n    createComment(input: $input) {\n      ...CommentFields\n    }\n  }\n": typeof types.CreateCommentDocument,
    "\n  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) {\n    updateComment(id: $id, input: $input) {\n      ...CommentFields\n    }\n  }\n": typeof types.UpdateCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n": typeof types.DeleteCommentDocument,
    "\n  mutation UpdatePost($id: ID!, $input: UpdatePostInput!) {\n    updatePost(id: $id, input: $input) {\n      ...PostFields\n      bodyHTML\n      hidden\n      updatedAt\n    }\n  }\n": typeof types.UpdatePostDocument,
    "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n": typeof types.DeletePostDocument,
    "\n  subscription CommentAdded($postId: ID!) {\n    commentAdded(postId: $postId) {\n      ...CommentFields\n    }\n  }\n": typeof types.CommentAddedDocument,
    "\n  query SearchPosts($query: String!, $first: Int!) {\n    searchPosts(query: $query, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n": typeof types.SearchPostsDocument,
    "\n  mutation ReportContent($subjectId: ID!, $reason: String!) {\n    reportContent(subjectId: $subjectId, reason: $reason) {\n      id\n    }\n  }\n": typeof types.ReportContentDocument,
    "\n  fragment MemberFields on Member {\n    id\n    handle\n    displayName\n    bio\n    avatarURL\n    createdAt\n    followerCount\n    followingCount\n    viewerFollows\n  }\n": typeof types.MemberFieldsFragmentDoc,
    "\n  query MemberProfile($id: ID!) {\n    node(id: $id) {\n      ... on Member {\n        ...MemberFields\n        posts(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...PostFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MemberProfileDocument,
    "\n  mutation Follow($memberId: ID!) {\n    follow(memberId: $memberId) {\n      ...MemberFields\n    }\n  }\n": typeof types.FollowDocument,
    "\n  mutation Unfollow($memberId: ID!) {\n    unfollow(memberId: $memberId) {\n      ...MemberFields\n    }\n  }\n": typeof types.UnfollowDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    createdAt\n    readAt\n    subjectID\n    actor {\n      id\n      handle\n      displayName\n    }\n  }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  query MyNotifications($first: Int!) {\n    unread: myNotifications(unreadOnly: true, first: 0) {\n      totalCount\n    }\n    myNotifications(first: $first) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n": typeof types.MyNotificationsDocument,
    "\n  subscription Notifications {\n    notifications {\n      ...NotificationFields\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query ModerationQueue($first: Int!) {\n    moderationQueue(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          reason\n          status\n          createdAt\n          reporter {\n            id\n            handle\n            displayName\n          }\n          post {\n            id\n            title\n            body\n            hidden\n            locked\n            pinned\n            author {\n              id\n              handle\n              displayName\n            }\n          }\n          comment {\n            id\n            body\n            hidden\n            author {\n              id\n              handle\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ModerationQueueDocument,
    "\n  mutation HidePost($id: ID!) {\n    hidePost(id: $id) {\n      id\n      hidden\n    }\n  }\n": typeof types.HidePostDocument,
    "\n  mutation UnhidePost($id: ID!) {\n    unhidePost(id: $id) {\n      id\n      hidden\n    }\n  }\n": typeof types.UnhidePostDocument,
    "\n  mutation HideComment($id: ID!) {\n    hideComment(id: $id) {\n      id\n      hidden\n    }\n  }\n": typeof types.HideCommentDocument,
    "\n  mutation UnhideComment($id: ID!) {\n    unhideComment(id: $id) {\n      id\n      hidden\n    }\n  }\n": typeof types.UnhideCommentDocument,
    "\n  mutation LockPost($id: ID!, $locked: Boolean!) {\n    lockPost(id: $id, locked: $locked) {\n      id\n      locked\n    }\n  }\n": typeof types.LockPostDocument,
    "\n  mutation PinPost($id: ID!, $pinned: Boolean!) {\n    pinPost(id: $id, pinned: $pinned) {\n      id\n      pinned\n    }\n  }\n": typeof types.PinPostDocument,
    "\n  mutation DismissReport($id: ID!) {\n    dismissReport(id: $id) {\n      id\n      status\n    }\n  }\n": typeof types.DismissReportDocument,
    "\n  subscription BoardEvents($boardId: ID!) {\n    boardEvents(boardId: $boardId) {\n      type\n      postId\n      commentId\n      post {\n        ...PostFields\n        bodyHTML\n        hidden\n        updatedAt\n      }\n      comment {\n        ...CommentFields\n      }\n      reactions {\n        ...ReactionFields\n      }\n    }\n  }\n": typeof types.BoardEventsDocument,
    "\n  fragment OrderFields on Order {\n    id\n    source\n    externalID\n    amount\n    costToServe\n    currency\n    channel\n    productCategory\n    orderedAt\n    kind\n    note\n    cancellation {\n      id\n    }\n  }\n": typeof types.OrderFieldsFragmentDoc,
    "\n  fragment TicketFields on Ticket {\n    id\n    title\n    description\n    status\n    priority\n    createdAt\n    updatedAt\n    firstResponseAt\n    resolvedAt\n  }\n": typeof types.TicketFieldsFragmentDoc,
    "\n  query MyAccount {\n    me {\n      id\n      email\n      emailVerifiedAt\n      customer {\n        id\n        name\n        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...OrderFields\n            }\n          }\n        }\n        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...TicketFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyAccountDocument,
    "\n  mutation CreateMyTicket($input: CreateMyTicketInput!) {\n    createMyTicket(input: $input) {\n      ...TicketFields\n    }\n  }\n": typeof types.CreateMyTicketDocument,
    "\n  fragment StaffUserFields on User {\n    id\n    email\n    role\n    member {\n      id\n      displayName\n    }\n  }\n": typeof types.StaffUserFieldsFragmentDoc,
    "\n  fragment CustomerProfileFields on Customer {\n    id\n    createdAt\n    updatedAt\n    kind\n    name\n    email\n    phone\n    address\n    region\n    legalRepresentative\n    foundedOn\n    occupation\n    interests\n    industry\n    companySize\n    serviceArea\n    salesCapacity\n    growthPotential\n    businessStatus\n    paymentBehaviour\n    openIssues\n    tags\n    customFields\n    creditRating\n    riskLevel\n    valueTier\n    blacklisted\n    owner {\n      ...StaffUserFields\n    }\n    team {\n      id\n      role\n      user {\n        ...StaffUserFields\n      }\n    }\n  }\n": typeof types.CustomerProfileFieldsFragmentDoc,
    "\n  query CustomerPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        ...CustomerProfileFields\n        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...OrderFields\n            }\n          }\n        }\n        careRecords(first: 50, orderBy: { field: OCCURRED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              id\n              kind\n              notes\n              occurredAt\n              followUpAt\n              followedUpAt\n              author {\n                ...StaffUserFields\n              }\n            }\n          }\n        }\n        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...TicketFields\n              assignee {\n                ...StaffUserFields\n              }\n            }\n          }\n        }\n        history(first: 50) {\n          totalCount\n          edges {\n            node {\n              id\n              field\n              oldValue\n              newValue\n              actorID\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerPageDocument,
    "\n  query UsersById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on User {\n        __typename\n        ...StaffUserFields\n      }\n    }\n  }\n": typeof types.UsersByIdDocument,
    "\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerProfileFields\n    }\n  }\n": typeof types.UpdateCustomerDocument,
    "\n  mutation CreateCareRecord($input: CreateCareRecordInput!) {\n    createCareRecord(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateCareRecordDocument,
    "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateTicketDocument,
    "\n  mutation RequestEmailVerification {\n    requestEmailVerification\n  }\n": typeof types.RequestEmailVerificationDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerifiedAt\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  fragment ImportJobFields on Job {\n    id\n    kind\n    status\n    progressDone\n    progressTotal\n    message\n    error\n    importResult {\n      kind\n      rows\n      created\n      updated\n      skipped\n      duplicates\n      alreadyPresent\n      written\n      errorCount\n      errors {\n        line\n        field\n        code\n        message\n      }\n    }\n  }\n": typeof types.ImportJobFieldsFragmentDoc,
    "\n  subscription ImportJob($id: ID!) {\n    jobProgress(id: $id) {\n      ...ImportJobFields\n    }\n  }\n": typeof types.ImportJobDocument,
    "\n  query MergeCandidates($q: String!) {\n    customers(first: 8, where: { or: [{ nameContainsFold: $q }, { emailContainsFold: $q }] }) {\n      edges {\n        node {\n          id\n          name\n          email\n          region\n        }\n      }\n    }\n  }\n": typeof types.MergeCandidatesDocument,
    "\n  mutation MergeCustomers($keepId: ID!, $mergeId: ID!) {\n    mergeCustomers(keepId: $keepId, mergeId: $mergeId) {\n      id\n      name\n    }\n  }\n": typeof types.MergeCustomersDocument,
    "\n  fragment KeyAccountFields on Customer {\n    id\n    name\n    region\n    keyAccount\n    accountScope\n    cooperationLevel\n    lifecycleStage\n    riskLevel\n    riskReason\n    valueTier\n    blacklisted\n    ownerSince\n    owner {\n      ...StaffUserFields\n    }\n  }\n": typeof types.KeyAccountFieldsFragmentDoc,
    "\n  query KeyAccount($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        ...KeyAccountFields\n        team {\n          id\n          role\n          user {\n            ...StaffUserFields\n          }\n        }\n        tickets(first: 20, where: { statusIn: [OPEN, IN_PROGRESS] }, orderBy: { field: CREATED_AT, direction: DESC }) {\n          edges {\n            node {\n              id\n              title\n              priority\n              status\n              slaFirstResponseDueAt\n              slaResolutionDueAt\n              slaBreached\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.KeyAccountDocument,
    "\n  query TeamCandidates {\n    accountTeamCandidates {\n      ...StaffUserFields\n    }\n  }\n": typeof types.TeamCandidatesDocument,
    "\n  mutation UpdateKeyAccount($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...KeyAccountFields\n    }\n  }\n": typeof types.UpdateKeyAccountDocument,
    "\n  mutation LowerRiskLevel($customerId: ID!, $level: CustomerRiskLevel!, $reason: String!) {\n    lowerRiskLevel(customerId: $customerId, level: $level, reason: $reason) {\n      ...KeyAccountFields\n    }\n  }\n": typeof types.LowerRiskLevelDocument,
    "\n  mutation SetBlacklisted($customerId: ID!, $blacklisted: Boolean!, $reason: String!) {\n    setBlacklisted(customerId: $customerId, blacklisted: $blacklisted, reason: $reason) {\n      ...KeyAccountFields\n    }\n  }\n": typeof types.SetBlacklistedDocument,
    "\n  mutation SetAccountTeamMember($customerId: ID!, $userId: ID!, $role: AccountTeamMemberRole!) {\n    setAccountTeamMember(customerId: $customerId, userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n": typeof types.SetAccountTeamMemberDocument,
    "\n  mutation RemoveAccountTeamMember($customerId: ID!, $userId: ID!) {\n    removeAccountTeamMember(customerId: $customerId, userId: $userId)\n  }\n": typeof types.RemoveAccountTeamMemberDocument,
    "\n  fragment AccountAlertFields on AccountAlert {\n    id\n    kind\n    riskLevel\n    reason\n    createdAt\n    customer {\n      id\n      name\n    }\n  }\n": typeof types.AccountAlertFieldsFragmentDoc,
    "\n  query MyAccounts {\n    myAccounts(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          ...KeyAccountFields\n        }\n      }\n    }\n    recentAccountAlerts(first: 20) {\n      edges {\n        node {\n          ...AccountAlertFields\n        }\n      }\n    }\n  }\n": typeof types.MyAccountsDocument,
    "\n  subscription AccountAlerts {\n    accountAlerts {\n      ...AccountAlertFields\n    }\n  }\n": typeof types.AccountAlertsDocument,
    "\n  query CustomerPool($first: Int, $after: Cursor) {\n    customerPool(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          region\n          valueTier\n          riskLevel\n          pooledAt\n        }\n      }\n    }\n  }\n": typeof types.CustomerPoolDocument,
    "\n  mutation ClaimCustomer($id: ID!) {\n    claimCustomer(id: $id) {\n      id\n      ownerSince\n    }\n  }\n": typeof types.ClaimCustomerDocument,
    "\n  query SavedViews {\n    savedViews(first: 100) {\n      edges {\n        node {\n          id\n          name\n          where\n          shared\n          ownerID\n        }\n      }\n    }\n  }\n": typeof types.SavedViewsDocument,
    "\n  mutation CreateSavedView($input: CreateSavedViewInput!) {\n    createSavedView(input: $input) {\n      id\n    }\n  }\n": typeof types.CreateSavedViewDocument,
    "\n  mutation DeleteSavedView($id: ID!) {\n    deleteSavedView(id: $id)\n  }\n": typeof types.DeleteSavedViewDocument,
    "\n  fragment CustomFieldDefinitionFields on CustomFieldDefinition {\n    id\n    key\n    type\n    options\n    labelEn\n    labelZh\n    required\n    position\n    archived\n  }\n": typeof types.CustomFieldDefinitionFieldsFragmentDoc,
    "\n  query CustomFieldDefinitions($includeArchived: Boolean) {\n    customFieldDefinitions(includeArchived: $includeArchived) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": typeof types.CustomFieldDefinitionsDocument,
    "\n  mutation CreateCustomFieldDefinition($input: CreateCustomFieldDefinitionInput!) {\n    createCustomFieldDefinition(input: $input) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": typeof types.CreateCustomFieldDefinitionDocument,
    "\n  mutation UpdateCustomFieldDefinition($id: ID!, $input: UpdateCustomFieldDefinitionInput!) {\n    updateCustomFieldDefinition(id: $id, input: $input) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": typeof types.UpdateCustomFieldDefinitionDocument,
    "\n  mutation ArchiveCustomFieldDefinition($id: ID!) {\n    archiveCustomFieldDefinition(id: $id) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": typeof types.ArchiveCustomFieldDefinitionDocument,
    "\n  mutation RestoreCustomFieldDefinition($id: ID!) {\n    restoreCustomFieldDefinition(id: $id) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": typeof types.RestoreCustomFieldDefinitionDocument,
    "\n  mutation DeleteCustomFieldDefinition($id: ID!) {\n    deleteCustomFieldDefinition(id: $id)\n  }\n": typeof types.DeleteCustomFieldDefinitionDocument,
    "\n  fragment PointsEntryFields on PointsEntry {\n    id\n    createdAt\n    kind\n    points\n    balanceAfter\n    shortfall\n    reason\n    activity\n    order {\n      id\n      kind\n      externalID\n      amount\n      currency\n      orderedAt\n    }\n    actor {\n      ...StaffUserFields\n    }\n  }\n": typeof types.PointsEntryFieldsFragmentDoc,
    "\n  query CustomerLoyalty($id: ID!, $first: Int) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        loyaltyPoints\n        loyaltyLedger(first: $first) {\n          totalCount\n          edges {\n            node {\n              ...PointsEntryFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerLoyaltyDocument,
    "\n  mutation RedeemPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    redeemPoints(customerId: $customerId, points: $points, reason: $reason) {\n      id\n      balanceAfter\n    }\n  }\n": typeof types.RedeemPointsDocument,
    "\n  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    adjustPoints(customerId: $customerId, points: $points, reason: $reason) {\n      id\n      balanceAfter\n    }\n  }\n": typeof types.AdjustPointsDocument,
    "\n  fragment LoyaltySettingsFields on LoyaltySettings {\n    orderUnit\n    orderPoints\n    redeemMinimum\n    activities {\n      activity\n      points\n      dailyCap\n    }\n  }\n": typeof types.LoyaltySettingsFieldsFragmentDoc,
    "\n  query LoyaltySettings {\n    loyaltySettings {\n      ...LoyaltySettingsFields\n    }\n  }\n": typeof types.LoyaltySettingsDocument,
    "\n  mutation UpdateLoyaltySettings($input: LoyaltySettingsInput!) {\n    updateLoyaltySettings(input: $input) {\n      ...LoyaltySettingsFields\n    }\n  }\n": typeof types.UpdateLoyaltySettingsDocument,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    amount\n    currency\n    paidAmount\n    openAmount\n    overdue\n    status\n    issuedAt\n    dueAt\n    note\n    voidReason\n  }\n": typeof types.InvoiceFieldsFragmentDoc,
    "\n  fragment ReceivablesSummaryFields on Receivables {\n    currency\n    open\n    overdue\n    openInvoices\n    overdueInvoices\n  }\n": typeof types.ReceivablesSummaryFieldsFragmentDoc,
    "\n  query CustomerReceivables($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        receivables {\n          ...ReceivablesSummaryFields\n        }\n        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...InvoiceFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.CustomerReceivablesDocument,
    "\n  query MyInvoices {\n    me {\n      id\n      customer {\n        id\n        receivables {\n          ...ReceivablesSummaryFields\n        }\n        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...InvoiceFields\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.MyInvoicesDocument,
    "\n  mutation CreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.CreateInvoiceDocument,
    "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amount\n      invoice {\n        ...InvoiceFields\n      }\n    }\n  }\n": typeof types.RecordPaymentDocument,
    "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n": typeof types.VoidInvoiceDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    sources\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    active\n  }\n": typeof types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ApiKeyFields\n        }\n      }\n    }\n  }\n": typeof types.ApiKeysDocument,
    "\n  mutation IssueApiKey($input: IssueApiKeyInput!) {\n    issueApiKey(input: $input) {\n      secret\n      key {\n        ...ApiKeyFields\n      }\n    }\n  }\n": typeof types.IssueApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": typeof types.RevokeApiKeyDocument,
    "\n  query CustomerValue($id: ID!, $from: Time!, $to: Time!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        contributionReport(from: $from, to: $to, period: YEAR) {\n          currency\n        }\n        valueTier\n        contribution\n        monetary\n        orderCount\n        paretoPercentile\n        paretoTop20\n        lastOrderAt\n        expectedNextOrderAt\n        dueStatus\n        rfm {\n          recency\n          frequency\n          monetary\n          segment\n        }\n        boughtCategories\n        crossSell(limit: 5) {\n          category\n          customers\n          share\n        }\n      }\n    }\n  }\n": typeof types.CustomerValueDocument,
    "\n  mutation RecomputeScores {\n    recomputeScores {\n      id\n      status\n    }\n  }\n": typeof types.RecomputeScoresDocument,
    "\n  query SettingsPage {\n    settings {\n      reportingCurrency\n      timeZone\n      exchangeRates {\n        currency\n        rate\n      }\n    }\n    accountSettings {\n      sla {\n        priority\n        firstResponseMinutes\n        resolutionMinutes\n      }\n      risk {\n        contributionDays\n        contributionDropPercent\n        contributionLevel\n        openTicketsMax\n        openTicketsLevel\n        urgentOpenLevel\n        noContactDays\n        noContactLevel\n        overdueDays\n        overdueLevel\n      }\n      pool {\n        tier\n        days\n      }\n    }\n  }\n": typeof types.SettingsPageDocument,
    "\n  mutation UpdateSettings($input: UpdateSettingsInput!) {\n    updateSettings(input: $input) {\n      reportingCurrency\n      timeZone\n      exchangeRates {\n        currency\n        rate\n      }\n    }\n  }\n": typeof types.UpdateSettingsDocument,
    "\n  mutation UpdateAccountSettings($input: AccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      risk {\n        contributionDays\n      }\n    }\n  }\n": typeof types.UpdateAccountSettingsDocument,
};
const documents: Documents = {
    "\n  query ContributionReport($id: ID!, $from: Time!, $to: Time!, $period: ContributionPeriodUnit!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        contributionReport(from: $from, to: $to, period: $period) {\n          currency\n          total {\n            revenue\n            costToServe\n            contribution\n            orders\n          }\n          periods {\n            start\n            end\n            revenue\n            costToServe\n            contribution\n            orders\n          }\n        }\n      }\n    }\n  }\n": types.ContributionReportDocument,
    "\n  mutation CancelOrder($id: ID!, $note: String) {\n    cancelOrder(id: $id, note: $note) {\n      id\n      kind\n    }\n  }\n": types.CancelOrderDocument,
    "\n  query InsightsBasis {\n    insightsBasis {\n      timeZone\n      reportingCurrency\n    }\n  }\n": types.InsightsBasisDocument,
    "\n  fragment SalesFiguresFields on SalesFigures {\n    revenue\n    cost\n    contribution\n    orders\n    customers\n  }\n": types.SalesFiguresFieldsFragmentDoc,
    "\n  fragment SalesBreakdownFields on SalesBreakdown {\n    currency\n    total {\n      ...SalesFiguresFields\n    }\n    groups {\n      key\n      figures {\n        ...SalesFiguresFields\n      }\n    }\n  }\n": types.SalesBreakdownFieldsFragmentDoc,
    "\n  query InsightsPerformance($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {\n    salesOverTime(period: $period, from: $from, to: $to, by: $by, top: 6) {\n      currency\n      periods {\n        start\n        figures {\n          ...SalesFiguresFields\n        }\n      }\n      series {\n        key\n        other\n        periods {\n          figures {\n            revenue\n          }\n        }\n      }\n    }\n    byCategory: salesBreakdown(by: CATEGORY, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    byChannel: salesBreakdown(by: CHANNEL, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    byRegion: salesBreakdown(by: REGION, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n  }\n": types.InsightsPerformanceDocument,
    "\n  query InsightsProduct($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    salesBreakdown(by: CATEGORY, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    salesOverTime(period: $period, from: $from, to: $to, by: CATEGORY, top: 6) {\n      periods {\n        start\n      }\n      series {\n        key\n        other\n        periods {\n          figures {\n            orders\n          }\n        }\n      }\n    }\n  }\n": types.InsightsProductDocument,
    "\n  query InsightsProfiling {\n    region: customerProfile(by: REGION) {\n      ...ProfileGroupFields\n    }\n    industry: customerProfile(by: INDUSTRY) {\n      ...ProfileGroupFields\n    }\n    kind: customerProfile(by: KIND) {\n      ...ProfileGroupFields\n    }\n    lifecycle: customerProfile(by: LIFECYCLE_STAGE) {\n      ...ProfileGroupFields\n    }\n  }\n  fragment ProfileGroupFields on CustomerProfileGroup {\n    key\n    other\n    customers\n    keyAccounts\n  }\n": types.InsightsProfilingDocument,
    "\n  query InsightsProfitability($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {\n    salesOverTime(period: $period, from: $from, to: $to) {\n      currency\n      periods {\n        start\n        figures {\n          ...SalesFiguresFields\n        }\n      }\n    }\n    salesBreakdown(by: $by, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n  }\n": types.InsightsProfitabilityDocument,
    "\n  query InsightsProspecting($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    customerCounts(period: $period, from: $from, to: $to) {\n      start\n      newCustomers\n      firstTimeBuyers\n      activeBuyers\n      totalCustomers\n    }\n  }\n": types.InsightsProspectingDocument,
    "\n  query InsightsPersistency($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    retention(period: $period, from: $from, to: $to) {\n      start\n      buyers\n      retained\n      churned\n      rate\n    }\n    satisfactionTrend(period: $period, from: $from, to: $to) {\n      start\n      ticketsResolved\n      resolvedWithinSLA\n      share\n    }\n    communityActivity(period: $period, from: $from, to: $to) {\n      start\n      posts\n      comments\n      reactions\n      activeMembers\n      newMembers\n    }\n    loyaltyOverTime(period: $period, from: $from, to: $to) {\n      outstanding\n      holders\n      periods {\n        start\n        issued\n        earnedOrders\n        earnedActivities\n        adjustedUp\n        adjustedDown\n        redeemed\n        reversed\n        net\n        earners\n        redeemers\n        outstanding\n      }\n    }\n  }\n": types.InsightsPersistencyDocument,
    "\n  query InsightsValue($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    paretoCurve(points: 20) {\n      customerShare\n      contributionShare\n      customers\n    }\n    paretoSummary {\n      customers\n      totalContribution\n      topShare\n    }\n    valueTierCounts {\n      tier\n      customers\n      contribution\n    }\n    valueTierMovements(from: $from, to: $to) {\n      from\n      to\n      customers\n    }\n    valueTiersOverTime(period: $period, from: $from, to: $to) {\n      start\n      tiers {\n        tier\n        customers\n        entered\n        left\n      }\n    }\n    rfmGrid {\n      recency\n      frequency\n      customers\n      monetary\n    }\n  }\n": types.InsightsValueDocument,
    "\n  fragment ViewerFields on User {\n    id\n    email\n    role\n    member {\n      id\n      handle\n      displayName\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.LogInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation LogOut {\n    logOut\n  }\n": types.LogOutDocument,
    "\n  query Boards {\n    boards(first: 50, orderBy: { field: POSITION, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          slug\n          description\n        }\n      }\n    }\n  }\n": types.BoardsDocument,
    "\n  query Board($id: ID!) {\n    node(id: $id) {\n      ... on Board {\n        id\n        name\n        slug\n        description\n        postAccess\n      }\n    }\n  }\n": types.BoardDocument,
    "\n  fragment PostFields on Post {\n    id\n    title\n    body\n    tags\n    createdAt\n    pinned\n    locked\n    comments(first: 0) {\n      totalCount\n    }\n    author {\n      id\n      handle\n      displayName\n    }\n    board {\n      id\n      name\n    }\n    reactions {\n      ...ReactionFields\n    }\n  }\n": types.PostFieldsFragmentDoc,
    "\n  query BoardPosts($boardId: ID!, $first: Int!, $after: Cursor) {\n    posts(\n      first: $first\n      after: $after\n      where: { hasBoardWith: [{ id: $boardId }] }\n      orderBy: { field: CREATED_AT, direction: DESC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n": types.BoardPostsDocument,
    "\n  subscription PostAdded($boardId: ID) {\n    postAdded(boardId: $boardId) {\n      ...PostFields\n    }\n  }\n": types.PostAddedDocument,
    "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": types.CreatePostDocument,
    "\n  query Customers(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: CustomerWhereInput\n    $orderBy: CustomerOrder = { field: NAME, direction: ASC }\n  ) {\n    customers(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          kind\n          name\n          email\n          phone\n          region\n          tags\n          createdAt\n          valueTier\n          paretoTop20\n          dueStatus\n          rfm {\n            segment\n          }\n        }\n      }\n    }\n  }\n": types.CustomersDocument,
    "\n  fragment ReactionFields on ReactionSummary {\n    subjectId\n    counts {\n      kind\n      count\n    }\n    viewerReactions\n  }\n": types.ReactionFieldsFragmentDoc,
    "\n  fragment CommentFields on Comment {\n    id\n    postID\n    parentID\n    body\n    bodyHTML\n    hidden\n    createdAt\n    updatedAt\n    author {\n      id\n      handle\n      displayName\n    }\n    reactions {\n      ...ReactionFields\n    }\n  }\n": types.CommentFieldsFragmentDoc,
    "\n  query PostPage($id: ID!, $first: Int!) {\n    node(id: $id) {\n      ... on Post {\n        ...PostFields\n        bodyHTML\n        hidden\n        updatedAt\n        thread: comments(first: $first, orderBy: { field: CREATED_AT, direction: ASC }) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              ...CommentFields\n            }\n          }\n        }\n      }\n      ... on Comment {\n        id\n        postID\n      }\n    }\n  }\n": types.PostPageDocument,
    "\n  query MoreComments($id: ID!, $first: Int!, $after: Cursor) {\n    node(id: $id) {\n      ... on Post {\n        id\n        thread: comments(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              ...CommentFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MoreCommentsDocument,
    "\n  mutation React($subjectId: ID!, $kind: ReactionKind!) {\n    react(subjectId: $subjectId, kind: $kind) {\n      ...ReactionFields\n    }\n  }\n": types.ReactDocument,
    "\n  mutation Unreact($subjectId: ID!, $kind: ReactionKind!) {\n    unreact(subjectId: $subjectId, kind: $kind) {\n      ...ReactionFields\n    }\n  }\n": types.UnreactDocument,
    "\n  mutation CreateComment($input: CreateCommentInput!) {\n    createComment(input: $input) {\n      ...CommentFields\n    }\n  }\n": types.CreateCommentDocument,
    "\n  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) {\n    updateComment(id: $id, input: $input) {\n      ...CommentFields\n    }\n  }\n": types.UpdateCommentDocument,
    "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n": types.DeleteCommentDocument,
    "\n  mutation UpdatePost($id: ID!, $input: UpdatePostInput!) {\n    updatePost(id: $id, input: $input) {\n      ...PostFields\n      bodyHTML\n      hidden\n      updatedAt\n    }\n  }\n": types.UpdatePostDocument,
    "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n": types.DeletePostDocument,
    "\n  subscription CommentAdded($postId: ID!) {\n    commentAdded(postId: $postId) {\n      ...CommentFields\n    }\n  }\n": types.CommentAddedDocument,
    "\n  query SearchPosts($query: String!, $first: Int!) {\n    searchPosts(query: $query, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n": types.SearchPostsDocument,
    "\n  mutation ReportContent($subjectId: ID!, $reason: String!) {\n    reportContent(subjectId: $subjectId, reason: $reason) {\n      id\n    }\n  }\n": types.ReportContentDocument,
    "\n  fragment MemberFields on Member {\n    id\n    handle\n    displayName\n    bio\n    avatarURL\n    createdAt\n    followerCount\n    followingCount\n    viewerFollows\n  }\n": types.MemberFieldsFragmentDoc,
    "\n  query MemberProfile($id: ID!) {\n    node(id: $id) {\n      ... on Member {\n        ...MemberFields\n        posts(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...PostFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MemberProfileDocument,
    "\n  mutation Follow($memberId: ID!) {\n    follow(memberId: $memberId) {\n      ...MemberFields\n    }\n  }\n": types.FollowDocument,
    "\n  mutation Unfollow($memberId: ID!) {\n    unfollow(memberId: $memberId) {\n      ...MemberFields\n    }\n  }\n": types.UnfollowDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    createdAt\n    readAt\n    subjectID\n    actor {\n      id\n      handle\n      displayName\n    }\n  }\n": types.NotificationFieldsFragmentDoc,
    "\n  query MyNotifications($first: Int!) {\n    unread: myNotifications(unreadOnly: true, first: 0) {\n      totalCount\n    }\n    myNotifications(first: $first) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n": types.MyNotificationsDocument,
    "\n  subscription Notifications {\n    notifications {\n      ...NotificationFields\n    }\n  }\n": types.NotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query ModerationQueue($first: Int!) {\n    moderationQueue(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          reason\n          status\n          createdAt\n          reporter {\n            id\n            handle\n            displayName\n          }\n          post {\n            id\n            title\n            body\n            hidden\n            locked\n            pinned\n            author {\n              id\n              handle\n              displayName\n            }\n          }\n          comment {\n            id\n            body\n            hidden\n            author {\n              id\n              handle\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ModerationQueueDocument,
    "\n  mutation HidePost($id: ID!) {\n    hidePost(id: $id) {\n      id\n      hidden\n    }\n  }\n": types.HidePostDocument,
    "\n  mutation UnhidePost($id: ID!) {\n    unhidePost(id: $id) {\n      id\n      hidden\n    }\n  }\n": types.UnhidePostDocument,
    "\n  mutation HideComment($id: ID!) {\n    hideComment(id: $id) {\n      id\n      hidden\n    }\n  }\n": types.HideCommentDocument,
    "\n  mutation UnhideComment($id: ID!) {\n    unhideComment(id: $id) {\n      id\n      hidden\n    }\n  }\n": types.UnhideCommentDocument,
    "\n  mutation LockPost($id: ID!, $locked: Boolean!) {\n    lockPost(id: $id, locked: $locked) {\n      id\n      locked\n    }\n  }\n": types.LockPostDocument,
    "\n  mutation PinPost($id: ID!, $pinned: Boolean!) {\n    pinPost(id: $id, pinned: $pinned) {\n      id\n      pinned\n    }\n  }\n": types.PinPostDocument,
    "\n  mutation DismissReport($id: ID!) {\n    dismissReport(id: $id) {\n      id\n      status\n    }\n  }\n": types.DismissReportDocument,
    "\n  subscription BoardEvents($boardId: ID!) {\n    boardEvents(boardId: $boardId) {\n      type\n      postId\n      commentId\n      post {\n        ...PostFields\n        bodyHTML\n        hidden\n        updatedAt\n      }\n      comment {\n        ...CommentFields\n      }\n      reactions {\n        ...ReactionFields\n      }\n    }\n  }\n": types.BoardEventsDocument,
    "\n  fragment OrderFields on Order {\n    id\n    source\n    externalID\n    amount\n    costToServe\n    currency\n    channel\n    productCategory\n    orderedAt\n    kind\n    note\n    cancellation {\n      id\n    }\n  }\n": types.OrderFieldsFragmentDoc,
    "\n  fragment TicketFields on Ticket {\n    id\n    title\n    description\n    status\n    priority\n    createdAt\n    updatedAt\n    firstResponseAt\n    resolvedAt\n  }\n": types.TicketFieldsFragmentDoc,
    "\n  query MyAccount {\n    me {\n      id\n      email\n      emailVerifiedAt\n      customer {\n        id\n        name\n        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...OrderFields\n            }\n          }\n        }\n        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...TicketFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyAccountDocument,
    "\n  mutation CreateMyTicket($input: CreateMyTicketInput!) {\n    createMyTicket(input: $input) {\n      ...TicketFields\n    }\n  }\n": types.CreateMyTicketDocument,
    "\n  fragment StaffUserFields on User {\n    id\n    email\n    role\n    member {\n      id\n      displayName\n    }\n  }\n": types.StaffUserFieldsFragmentDoc,
    "\n  fragment CustomerProfileFields on Customer {\n    id\n    createdAt\n    updatedAt\n    kind\n    name\n    email\n    phone\n    address\n    region\n    legalRepresentative\n    foundedOn\n    occupation\n    interests\n    industry\n    companySize\n    serviceArea\n    salesCapacity\n    growthPotential\n    businessStatus\n    paymentBehaviour\n    openIssues\n    tags\n    customFields\n    creditRating\n    riskLevel\n    valueTier\n    blacklisted\n    owner {\n      ...StaffUserFields\n    }\n    team {\n      id\n      role\n      user {\n        ...StaffUserFields\n      }\n    }\n  }\n": types.CustomerProfileFieldsFragmentDoc,
    "\n  query CustomerPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        ...CustomerProfileFields\n        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...OrderFields\n            }\n          }\n        }\n        careRecords(first: 50, orderBy: { field: OCCURRED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              id\n              kind\n              notes\n              occurredAt\n              followUpAt\n              followedUpAt\n              author {\n                ...StaffUserFields\n              }\n            }\n          }\n        }\n        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...TicketFields\n              assignee {\n                ...StaffUserFields\n              }\n            }\n          }\n        }\n        history(first: 50) {\n          totalCount\n          edges {\n            node {\n              id\n              field\n              oldValue\n              newValue\n              actorID\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CustomerPageDocument,
    "\n  query UsersById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on User {\n        __typename\n        ...StaffUserFields\n      }\n    }\n  }\n": types.UsersByIdDocument,
    "\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerProfileFields\n    }\n  }\n": types.UpdateCustomerDocument,
    "\n  mutation CreateCareRecord($input: CreateCareRecordInput!) {\n    createCareRecord(input: $input) {\n      id\n    }\n  }\n": types.CreateCareRecordDocument,
    "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      id\n    }\n  }\n": types.CreateTicketDocument,
    "\n  mutation RequestEmailVerification {\n    requestEmailVerification\n  }\n": types.RequestEmailVerificationDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerifiedAt\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  fragment ImportJobFields on Job {\n    id\n    kind\n    status\n    progressDone\n    progressTotal\n    message\n    error\n    importResult {\n      kind\n      rows\n      created\n      updated\n      skipped\n      duplicates\n      alreadyPresent\n      written\n      errorCount\n      errors {\n        line\n        field\n        code\n        message\n      }\n    }\n  }\n": types.ImportJobFieldsFragmentDoc,
    "\n  subscription ImportJob($id: ID!) {\n    jobProgress(id: $id) {\n      ...ImportJobFields\n    }\n  }\n": types.ImportJobDocument,
    "\n  query MergeCandidates($q: String!) {\n    customers(first: 8, where: { or: [{ nameContainsFold: $q }, { emailContainsFold: $q }] }) {\n      edges {\n        node {\n          id\n          name\n          email\n          region\n        }\n      }\n    }\n  }\n": types.MergeCandidatesDocument,
    "\n  mutation MergeCustomers($keepId: ID!, $mergeId: ID!) {\n    mergeCustomers(keepId: $keepId, mergeId: $mergeId) {\n      id\n      name\n    }\n  }\n": types.MergeCustomersDocument,
    "\n  fragment KeyAccountFields on Customer {\n    id\n    name\n    region\n    keyAccount\n    accountScope\n    cooperationLevel\n    lifecycleStage\n    riskLevel\n    riskReason\n    valueTier\n    blacklisted\n    ownerSince\n    owner {\n      ...StaffUserFields\n    }\n  }\n": types.KeyAccountFieldsFragmentDoc,
    "\n  query KeyAccount($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        ...KeyAccountFields\n        team {\n          id\n          role\n          user {\n            ...StaffUserFields\n          }\n        }\n        tickets(first: 20, where: { statusIn: [OPEN, IN_PROGRESS] }, orderBy: { field: CREATED_AT, direction: DESC }) {\n          edges {\n            node {\n              id\n              title\n              priority\n              status\n              slaFirstResponseDueAt\n              slaResolutionDueAt\n              slaBreached\n            }\n          }\n        }\n      }\n    }\n  }\n": types.KeyAccountDocument,
    "\n  query TeamCandidates {\n    accountTeamCandidates {\n      ...StaffUserFields\n    }\n  }\n": types.TeamCandidatesDocument,
    "\n  mutation UpdateKeyAccount($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...KeyAccountFields\n    }\n  }\n": types.UpdateKeyAccountDocument,
    "\n  mutation LowerRiskLevel($customerId: ID!, $level: CustomerRiskLevel!, $reason: String!) {\n    lowerRiskLevel(customerId: $customerId, level: $level, reason: $reason) {\n      ...KeyAccountFields\n    }\n  }\n": types.LowerRiskLevelDocument,
    "\n  mutation SetBlacklisted($customerId: ID!, $blacklisted: Boolean!, $reason: String!) {\n    setBlacklisted(customerId: $customerId, blacklisted: $blacklisted, reason: $reason) {\n      ...KeyAccountFields\n    }\n  }\n": types.SetBlacklistedDocument,
    "\n  mutation SetAccountTeamMember($customerId: ID!, $userId: ID!, $role: AccountTeamMemberRole!) {\n    setAccountTeamMember(customerId: $customerId, userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n": types.SetAccountTeamMemberDocument,
    "\n  mutation RemoveAccountTeamMember($customerId: ID!, $userId: ID!) {\n    removeAccountTeamMember(customerId: $customerId, userId: $userId)\n  }\n": types.RemoveAccountTeamMemberDocument,
    "\n  fragment AccountAlertFields on AccountAlert {\n    id\n    kind\n    riskLevel\n    reason\n    createdAt\n    customer {\n      id\n      name\n    }\n  }\n": types.AccountAlertFieldsFragmentDoc,
    "\n  query MyAccounts {\n    myAccounts(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          ...KeyAccountFields\n        }\n      }\n    }\n    recentAccountAlerts(first: 20) {\n      edges {\n        node {\n          ...AccountAlertFields\n        }\n      }\n    }\n  }\n": types.MyAccountsDocument,
    "\n  subscription AccountAlerts {\n    accountAlerts {\n      ...AccountAlertFields\n    }\n  }\n": types.AccountAlertsDocument,
    "\n  query CustomerPool($first: Int, $after: Cursor) {\n    customerPool(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          region\n          valueTier\n          riskLevel\n          pooledAt\n        }\n      }\n    }\n  }\n": types.CustomerPoolDocument,
    "\n  mutation ClaimCustomer($id: ID!) {\n    claimCustomer(id: $id) {\n      id\n      ownerSince\n    }\n  }\n": types.ClaimCustomerDocument,
    "\n  query SavedViews {\n    savedViews(first: 100) {\n      edges {\n        node {\n          id\n          name\n          where\n          shared\n          ownerID\n        }\n      }\n    }\n  }\n": types.SavedViewsDocument,
    "\n  mutation CreateSavedView($input: CreateSavedViewInput!) {\n    createSavedView(input: $input) {\n      id\n    }\n  }\n": types.CreateSavedViewDocument,
    "\n  mutation DeleteSavedView($id: ID!) {\n    deleteSavedView(id: $id)\n  }\n": types.DeleteSavedViewDocument,
    "\n  fragment CustomFieldDefinitionFields on CustomFieldDefinition {\n    id\n    key\n    type\n    options\n    labelEn\n    labelZh\n    required\n    position\n    archived\n  }\n": types.CustomFieldDefinitionFieldsFragmentDoc,
    "\n  query CustomFieldDefinitions($includeArchived: Boolean) {\n    customFieldDefinitions(includeArchived: $includeArchived) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": types.CustomFieldDefinitionsDocument,
    "\n  mutation CreateCustomFieldDefinition($input: CreateCustomFieldDefinitionInput!) {\n    createCustomFieldDefinition(input: $input) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": types.CreateCustomFieldDefinitionDocument,
    "\n  mutation UpdateCustomFieldDefinition($id: ID!, $input: UpdateCustomFieldDefinitionInput!) {\n    updateCustomFieldDefinition(id: $id, input: $input) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": types.UpdateCustomFieldDefinitionDocument,
    "\n  mutation ArchiveCustomFieldDefinition($id: ID!) {\n    archiveCustomFieldDefinition(id: $id) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": types.ArchiveCustomFieldDefinitionDocument,
    "\n  mutation RestoreCustomFieldDefinition($id: ID!) {\n    restoreCustomFieldDefinition(id: $id) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n": types.RestoreCustomFieldDefinitionDocument,
    "\n  mutation DeleteCustomFieldDefinition($id: ID!) {\n    deleteCustomFieldDefinition(id: $id)\n  }\n": types.DeleteCustomFieldDefinitionDocument,
    "\n  fragment PointsEntryFields on PointsEntry {\n    id\n    createdAt\n    kind\n    points\n    balanceAfter\n    shortfall\n    reason\n    activity\n    order {\n      id\n      kind\n      externalID\n      amount\n      currency\n      orderedAt\n    }\n    actor {\n      ...StaffUserFields\n    }\n  }\n": types.PointsEntryFieldsFragmentDoc,
    "\n  query CustomerLoyalty($id: ID!, $first: Int) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        loyaltyPoints\n        loyaltyLedger(first: $first) {\n          totalCount\n          edges {\n            node {\n              ...PointsEntryFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CustomerLoyaltyDocument,
    "\n  mutation RedeemPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    redeemPoints(customerId: $customerId, points: $points, reason: $reason) {\n      id\n      balanceAfter\n    }\n  }\n": types.RedeemPointsDocument,
    "\n  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    adjustPoints(customerId: $customerId, points: $points, reason: $reason) {\n      id\n      balanceAfter\n    }\n  }\n": types.AdjustPointsDocument,
    "\n  fragment LoyaltySettingsFields on LoyaltySettings {\n    orderUnit\n    orderPoints\n    redeemMinimum\n    activities {\n      activity\n      points\n      dailyCap\n    }\n  }\n": types.LoyaltySettingsFieldsFragmentDoc,
    "\n  query LoyaltySettings {\n    loyaltySettings {\n      ...LoyaltySettingsFields\n    }\n  }\n": types.LoyaltySettingsDocument,
    "\n  mutation UpdateLoyaltySettings($input: LoyaltySettingsInput!) {\n    updateLoyaltySettings(input: $input) {\n      ...LoyaltySettingsFields\n    }\n  }\n": types.UpdateLoyaltySettingsDocument,
    "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    amount\n    currency\n    paidAmount\n    openAmount\n    overdue\n    status\n    issuedAt\n    dueAt\n    note\n    voidReason\n  }\n": types.InvoiceFieldsFragmentDoc,
    "\n  fragment ReceivablesSummaryFields on Receivables {\n    currency\n    open\n    overdue\n    openInvoices\n    overdueInvoices\n  }\n": types.ReceivablesSummaryFieldsFragmentDoc,
    "\n  query CustomerReceivables($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        receivables {\n          ...ReceivablesSummaryFields\n        }\n        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...InvoiceFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.CustomerReceivablesDocument,
    "\n  query MyInvoices {\n    me {\n      id\n      customer {\n        id\n        receivables {\n          ...ReceivablesSummaryFields\n        }\n        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...InvoiceFields\n            }\n          }\n        }\n      }\n    }\n  }\n": types.MyInvoicesDocument,
    "\n  mutation CreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      ...InvoiceFields\n    }\n  }\n": types.CreateInvoiceDocument,
    "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amount\n      invoice {\n        ...InvoiceFields\n      }\n    }\n  }\n": types.RecordPaymentDocument,
    "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n": types.VoidInvoiceDocument,
    "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    sources\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    active\n  }\n": types.ApiKeyFieldsFragmentDoc,
    "\n  query ApiKeys {\n    apiKeys(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ApiKeyFields\n        }\n      }\n    }\n  }\n": types.ApiKeysDocument,
    "\n  mutation IssueApiKey($input: IssueApiKeyInput!) {\n    issueApiKey(input: $input) {\n      secret\n      key {\n        ...ApiKeyFields\n      }\n    }\n  }\n": types.IssueApiKeyDocument,
    "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n": types.RevokeApiKeyDocument,
    "\n  query CustomerValue($id: ID!, $from: Time!, $to: Time!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        contributionReport(from: $from, to: $to, period: YEAR) {\n          currency\n        }\n        valueTier\n        contribution\n        monetary\n        orderCount\n        paretoPercentile\n        paretoTop20\n        lastOrderAt\n        expectedNextOrderAt\n        dueStatus\n        rfm {\n          recency\n          frequency\n          monetary\n          segment\n        }\n        boughtCategories\n        crossSell(limit: 5) {\n          category\n          customers\n          share\n        }\n      }\n    }\n  }\n": types.CustomerValueDocument,
    "\n  mutation RecomputeScores {\n    recomputeScores {\n      id\n      status\n    }\n  }\n": types.RecomputeScoresDocument,
    "\n  query SettingsPage {\n    settings {\n      reportingCurrency\n      timeZone\n      exchangeRates {\n        currency\n        rate\n      }\n    }\n    accountSettings {\n      sla {\n        priority\n        firstResponseMinutes\n        resolutionMinutes\n      }\n      risk {\n        contributionDays\n        contributionDropPercent\n        contributionLevel\n        openTicketsMax\n        openTicketsLevel\n        urgentOpenLevel\n        noContactDays\n        noContactLevel\n        overdueDays\n        overdueLevel\n      }\n      pool {\n        tier\n        days\n      }\n    }\n  }\n": types.SettingsPageDocument,
    "\n  mutation UpdateSettings($input: UpdateSettingsInput!) {\n    updateSettings(input: $input) {\n      reportingCurrency\n      timeZone\n      exchangeRates {\n        currency\n        rate\n      }\n    }\n  }\n": types.UpdateSettingsDocument,
    "\n  mutation UpdateAccountSettings($input: AccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      risk {\n        contributionDays\n      }\n    }\n  }\n": types.UpdateAccountSettingsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ContributionReport($id: ID!, $from: Time!, $to: Time!, $period: ContributionPeriodUnit!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        contributionReport(from: $from, to: $to, period: $period) {\n          currency\n          total {\n            revenue\n            costToServe\n            contribution\n            orders\n          }\n          periods {\n            start\n            end\n            revenue\n            costToServe\n            contribution\n            orders\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ContributionReport($id: ID!, $from: Time!, $to: Time!, $period: ContributionPeriodUnit!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        contributionReport(from: $from, to: $to, period: $period) {\n          currency\n          total {\n            revenue\n            costToServe\n            contribution\n            orders\n          }\n          periods {\n            start\n            end\n            revenue\n            costToServe\n            contribution\n            orders\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelOrder($id: ID!, $note: String) {\n    cancelOrder(id: $id, note: $note) {\n      id\n      kind\n    }\n  }\n"): (typeof documents)["\n  mutation CancelOrder($id: ID!, $note: String) {\n    cancelOrder(id: $id, note: $note) {\n      id\n      kind\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsBasis {\n    insightsBasis {\n      timeZone\n      reportingCurrency\n    }\n  }\n"): (typeof documents)["\n  query InsightsBasis {\n    insightsBasis {\n      timeZone\n      reportingCurrency\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SalesFiguresFields on SalesFigures {\n    revenue\n    cost\n    contribution\n    orders\n    customers\n  }\n"): (typeof documents)["\n  fragment SalesFiguresFields on SalesFigures {\n    revenue\n    cost\n    contribution\n    orders\n    customers\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SalesBreakdownFields on SalesBreakdown {\n    currency\n    total {\n      ...SalesFiguresFields\n    }\n    groups {\n      key\n      figures {\n        ...SalesFiguresFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment SalesBreakdownFields on SalesBreakdown {\n    currency\n    total {\n      ...SalesFiguresFields\n    }\n    groups {\n      key\n      figures {\n        ...SalesFiguresFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsPerformance($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {\n    salesOverTime(period: $period, from: $from, to: $to, by: $by, top: 6) {\n      currency\n      periods {\n        start\n        figures {\n          ...SalesFiguresFields\n        }\n      }\n      series {\n        key\n        other\n        periods {\n          figures {\n            revenue\n          }\n        }\n      }\n    }\n    byCategory: salesBreakdown(by: CATEGORY, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    byChannel: salesBreakdown(by: CHANNEL, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    byRegion: salesBreakdown(by: REGION, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n  }\n"): (typeof documents)["\n  query InsightsPerformance($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {\n    salesOverTime(period: $period, from: $from, to: $to, by: $by, top: 6) {\n      currency\n      periods {\n        start\n        figures {\n          ...SalesFiguresFields\n        }\n      }\n      series {\n        key\n        other\n        periods {\n          figures {\n            revenue\n          }\n        }\n      }\n    }\n    byCategory: salesBreakdown(by: CATEGORY, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    byChannel: salesBreakdown(by: CHANNEL, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    byRegion: salesBreakdown(by: REGION, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsProduct($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    salesBreakdown(by: CATEGORY, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    salesOverTime(period: $period, from: $from, to: $to, by: CATEGORY, top: 6) {\n      periods {\n        start\n      }\n      series {\n        key\n        other\n        periods {\n          figures {\n            orders\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InsightsProduct($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    salesBreakdown(by: CATEGORY, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n    salesOverTime(period: $period, from: $from, to: $to, by: CATEGORY, top: 6) {\n      periods {\n        start\n      }\n      series {\n        key\n        other\n        periods {\n          figures {\n            orders\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsProfiling {\n    region: customerProfile(by: REGION) {\n      ...ProfileGroupFields\n    }\n    industry: customerProfile(by: INDUSTRY) {\n      ...ProfileGroupFields\n    }\n    kind: customerProfile(by: KIND) {\n      ...ProfileGroupFields\n    }\n    lifecycle: customerProfile(by: LIFECYCLE_STAGE) {\n      ...ProfileGroupFields\n    }\n  }\n  fragment ProfileGroupFields on CustomerProfileGroup {\n    key\n    other\n    customers\n    keyAccounts\n  }\n"): (typeof documents)["\n  query InsightsProfiling {\n    region: customerProfile(by: REGION) {\n      ...ProfileGroupFields\n    }\n    industry: customerProfile(by: INDUSTRY) {\n      ...ProfileGroupFields\n    }\n    kind: customerProfile(by: KIND) {\n      ...ProfileGroupFields\n    }\n    lifecycle: customerProfile(by: LIFECYCLE_STAGE) {\n      ...ProfileGroupFields\n    }\n  }\n  fragment ProfileGroupFields on CustomerProfileGroup {\n    key\n    other\n    customers\n    keyAccounts\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsProfitability($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {\n    salesOverTime(period: $period, from: $from, to: $to) {\n      currency\n      periods {\n        start\n        figures {\n          ...SalesFiguresFields\n        }\n      }\n    }\n    salesBreakdown(by: $by, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n  }\n"): (typeof documents)["\n  query InsightsProfitability($from: Time!, $to: Time!, $period: InsightPeriod!, $by: SalesDimension!) {\n    salesOverTime(period: $period, from: $from, to: $to) {\n      currency\n      periods {\n        start\n        figures {\n          ...SalesFiguresFields\n        }\n      }\n    }\n    salesBreakdown(by: $by, from: $from, to: $to) {\n      ...SalesBreakdownFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsProspecting($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    customerCounts(period: $period, from: $from, to: $to) {\n      start\n      newCustomers\n      firstTimeBuyers\n      activeBuyers\n      totalCustomers\n    }\n  }\n"): (typeof documents)["\n  query InsightsProspecting($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    customerCounts(period: $period, from: $from, to: $to) {\n      start\n      newCustomers\n      firstTimeBuyers\n      activeBuyers\n      totalCustomers\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsPersistency($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    retention(period: $period, from: $from, to: $to) {\n      start\n      buyers\n      retained\n      churned\n      rate\n    }\n    satisfactionTrend(period: $period, from: $from, to: $to) {\n      start\n      ticketsResolved\n      resolvedWithinSLA\n      share\n    }\n    communityActivity(period: $period, from: $from, to: $to) {\n      start\n      posts\n      comments\n      reactions\n      activeMembers\n      newMembers\n    }\n    loyaltyOverTime(period: $period, from: $from, to: $to) {\n      outstanding\n      holders\n      periods {\n        start\n        issued\n        earnedOrders\n        earnedActivities\n        adjustedUp\n        adjustedDown\n        redeemed\n        reversed\n        net\n        earners\n        redeemers\n        outstanding\n      }\n    }\n  }\n"): (typeof documents)["\n  query InsightsPersistency($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    retention(period: $period, from: $from, to: $to) {\n      start\n      buyers\n      retained\n      churned\n      rate\n    }\n    satisfactionTrend(period: $period, from: $from, to: $to) {\n      start\n      ticketsResolved\n      resolvedWithinSLA\n      share\n    }\n    communityActivity(period: $period, from: $from, to: $to) {\n      start\n      posts\n      comments\n      reactions\n      activeMembers\n      newMembers\n    }\n    loyaltyOverTime(period: $period, from: $from, to: $to) {\n      outstanding\n      holders\n      periods {\n        start\n        issued\n        earnedOrders\n        earnedActivities\n        adjustedUp\n        adjustedDown\n        redeemed\n        reversed\n        net\n        earners\n        redeemers\n        outstanding\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InsightsValue($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    paretoCurve(points: 20) {\n      customerShare\n      contributionShare\n      customers\n    }\n    paretoSummary {\n      customers\n      totalContribution\n      topShare\n    }\n    valueTierCounts {\n      tier\n      customers\n      contribution\n    }\n    valueTierMovements(from: $from, to: $to) {\n      from\n      to\n      customers\n    }\n    valueTiersOverTime(period: $period, from: $from, to: $to) {\n      start\n      tiers {\n        tier\n        customers\n        entered\n        left\n      }\n    }\n    rfmGrid {\n      recency\n      frequency\n      customers\n      monetary\n    }\n  }\n"): (typeof documents)["\n  query InsightsValue($from: Time!, $to: Time!, $period: InsightPeriod!) {\n    paretoCurve(points: 20) {\n      customerShare\n      contributionShare\n      customers\n    }\n    paretoSummary {\n      customers\n      totalContribution\n      topShare\n    }\n    valueTierCounts {\n      tier\n      customers\n      contribution\n    }\n    valueTierMovements(from: $from, to: $to) {\n      from\n      to\n      customers\n    }\n    valueTiersOverTime(period: $period, from: $from, to: $to) {\n      start\n      tiers {\n        tier\n        customers\n        entered\n        left\n      }\n    }\n    rfmGrid {\n      recency\n      frequency\n      customers\n      monetary\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerFields on User {\n    id\n    email\n    role\n    member {\n      id\n      handle\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment ViewerFields on User {\n    id\n    email\n    role\n    member {\n      id\n      handle\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LogOut {\n    logOut\n  }\n"): (typeof documents)["\n  mutation LogOut {\n    logOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Boards {\n    boards(first: 50, orderBy: { field: POSITION, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          slug\n          description\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Boards {\n    boards(first: 50, orderBy: { field: POSITION, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          slug\n          description\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Board($id: ID!) {\n    node(id: $id) {\n      ... on Board {\n        id\n        name\n        slug\n        description\n        postAccess\n      }\n    }\n  }\n"): (typeof documents)["\n  query Board($id: ID!) {\n    node(id: $id) {\n      ... on Board {\n        id\n        name\n        slug\n        description\n        postAccess\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PostFields on Post {\n    id\n    title\n    body\n    tags\n    createdAt\n    pinned\n    locked\n    comments(first: 0) {\n      totalCount\n    }\n    author {\n      id\n      handle\n      displayName\n    }\n    board {\n      id\n      name\n    }\n    reactions {\n      ...ReactionFields\n    }\n  }\n"): (typeof documents)["\n  fragment PostFields on Post {\n    id\n    title\n    body\n    tags\n    createdAt\n    pinned\n    locked\n    comments(first: 0) {\n      totalCount\n    }\n    author {\n      id\n      handle\n      displayName\n    }\n    board {\n      id\n      name\n    }\n    reactions {\n      ...ReactionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BoardPosts($boardId: ID!, $first: Int!, $after: Cursor) {\n    posts(\n      first: $first\n      after: $after\n      where: { hasBoardWith: [{ id: $boardId }] }\n      orderBy: { field: CREATED_AT, direction: DESC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query BoardPosts($boardId: ID!, $first: Int!, $after: Cursor) {\n    posts(\n      first: $first\n      after: $after\n      where: { hasBoardWith: [{ id: $boardId }] }\n      orderBy: { field: CREATED_AT, direction: DESC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription PostAdded($boardId: ID) {\n    postAdded(boardId: $boardId) {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  subscription PostAdded($boardId: ID) {\n    postAdded(boardId: $boardId) {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Customers(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: CustomerWhereInput\n    $orderBy: CustomerOrder = { field: NAME, direction: ASC }\n  ) {\n    customers(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          kind\n          name\n          email\n          phone\n          region\n          tags\n          createdAt\n          valueTier\n          paretoTop20\n          dueStatus\n          rfm {\n            segment\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Customers(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: CustomerWhereInput\n    $orderBy: CustomerOrder = { field: NAME, direction: ASC }\n  ) {\n    customers(first: $first, after: $after, last: $last, before: $before, where: $where, orderBy: $orderBy) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          kind\n          name\n          email\n          phone\n          region\n          tags\n          createdAt\n          valueTier\n          paretoTop20\n          dueStatus\n          rfm {\n            segment\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReactionFields on ReactionSummary {\n    subjectId\n    counts {\n      kind\n      count\n    }\n    viewerReactions\n  }\n"): (typeof documents)["\n  fragment ReactionFields on ReactionSummary {\n    subjectId\n    counts {\n      kind\n      count\n    }\n    viewerReactions\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id\n    postID\n    parentID\n    body\n    bodyHTML\n    hidden\n    createdAt\n    updatedAt\n    author {\n      id\n      handle\n      displayName\n    }\n    reactions {\n      ...ReactionFields\n    }\n  }\n"): (typeof documents)["\n  fragment CommentFields on Comment {\n    id\n    postID\n    parentID\n    body\n    bodyHTML\n    hidden\n    createdAt\n    updatedAt\n    author {\n      id\n      handle\n      displayName\n    }\n    reactions {\n      ...ReactionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PostPage($id: ID!, $first: Int!) {\n    node(id: $id) {\n      ... on Post {\n        ...PostFields\n        bodyHTML\n        hidden\n        updatedAt\n        thread: comments(first: $first, orderBy: { field: CREATED_AT, direction: ASC }) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              ...CommentFields\n            }\n          }\n        }\n      }\n      ... on Comment {\n        id\n        postID\n      }\n    }\n  }\n"): (typeof documents)["\n  query PostPage($id: ID!, $first: Int!) {\n    node(id: $id) {\n      ... on Post {\n        ...PostFields\n        bodyHTML\n        hidden\n        updatedAt\n        thread: comments(first: $first, orderBy: { field: CREATED_AT, direction: ASC }) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              ...CommentFields\n            }\n          }\n        }\n      }\n      ... on Comment {\n        id\n        postID\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MoreComments($id: ID!, $first: Int!, $after: Cursor) {\n    node(id: $id) {\n      ... on Post {\n        id\n        thread: comments(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              ...CommentFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MoreComments($id: ID!, $first: Int!, $after: Cursor) {\n    node(id: $id) {\n      ... on Post {\n        id\n        thread: comments(first: $first, after: $after, orderBy: { field: CREATED_AT, direction: ASC }) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          edges {\n            node {\n              ...CommentFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation React($subjectId: ID!, $kind: ReactionKind!) {\n    react(subjectId: $subjectId, kind: $kind) {\n      ...ReactionFields\n    }\n  }\n"): (typeof documents)["\n  mutation React($subjectId: ID!, $kind: ReactionKind!) {\n    react(subjectId: $subjectId, kind: $kind) {\n      ...ReactionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unreact($subjectId: ID!, $kind: ReactionKind!) {\n    unreact(subjectId: $subjectId, kind: $kind) {\n      ...ReactionFields\n    }\n  }\n"): (typeof documents)["\n  mutation Unreact($subjectId: ID!, $kind: ReactionKind!) {\n    unreact(subjectId: $subjectId, kind: $kind) {\n      ...ReactionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateComment($input: CreateCommentInput!) {\n    createComment(input: $input) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateComment($input: CreateCommentInput!) {\n    createComment(input: $input) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) {\n    updateComment(id: $id, input: $input) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateComment($id: ID!, $input: UpdateCommentInput!) {\n    updateComment(id: $id, input: $input) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteComment($id: ID!) {\n    deleteComment(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdatePost($id: ID!, $input: UpdatePostInput!) {\n    updatePost(id: $id, input: $input) {\n      ...PostFields\n      bodyHTML\n      hidden\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UpdatePost($id: ID!, $input: UpdatePostInput!) {\n    updatePost(id: $id, input: $input) {\n      ...PostFields\n      bodyHTML\n      hidden\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeletePost($id: ID!) {\n    deletePost(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription CommentAdded($postId: ID!) {\n    commentAdded(postId: $postId) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  subscription CommentAdded($postId: ID!) {\n    commentAdded(postId: $postId) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchPosts($query: String!, $first: Int!) {\n    searchPosts(query: $query, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SearchPosts($query: String!, $first: Int!) {\n    searchPosts(query: $query, first: $first) {\n      totalCount\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReportContent($subjectId: ID!, $reason: String!) {\n    reportContent(subjectId: $subjectId, reason: $reason) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation ReportContent($subjectId: ID!, $reason: String!) {\n    reportContent(subjectId: $subjectId, reason: $reason) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment MemberFields on Member {\n    id\n    handle\n    displayName\n    bio\n    avatarURL\n    createdAt\n    followerCount\n    followingCount\n    viewerFollows\n  }\n"): (typeof documents)["\n  fragment MemberFields on Member {\n    id\n    handle\n    displayName\n    bio\n    avatarURL\n    createdAt\n    followerCount\n    followingCount\n    viewerFollows\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MemberProfile($id: ID!) {\n    node(id: $id) {\n      ... on Member {\n        ...MemberFields\n        posts(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...PostFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MemberProfile($id: ID!) {\n    node(id: $id) {\n      ... on Member {\n        ...MemberFields\n        posts(first: 20, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...PostFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Follow($memberId: ID!) {\n    follow(memberId: $memberId) {\n      ...MemberFields\n    }\n  }\n"): (typeof documents)["\n  mutation Follow($memberId: ID!) {\n    follow(memberId: $memberId) {\n      ...MemberFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unfollow($memberId: ID!) {\n    unfollow(memberId: $memberId) {\n      ...MemberFields\n    }\n  }\n"): (typeof documents)["\n  mutation Unfollow($memberId: ID!) {\n    unfollow(memberId: $memberId) {\n      ...MemberFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    createdAt\n    readAt\n    subjectID\n    actor {\n      id\n      handle\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment NotificationFields on Notification {\n    id\n    kind\n    createdAt\n    readAt\n    subjectID\n    actor {\n      id\n      handle\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNotifications($first: Int!) {\n    unread: myNotifications(unreadOnly: true, first: 0) {\n      totalCount\n    }\n    myNotifications(first: $first) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyNotifications($first: Int!) {\n    unread: myNotifications(unreadOnly: true, first: 0) {\n      totalCount\n    }\n    myNotifications(first: $first) {\n      edges {\n        node {\n          ...NotificationFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription Notifications {\n    notifications {\n      ...NotificationFields\n    }\n  }\n"): (typeof documents)["\n  subscription Notifications {\n    notifications {\n      ...NotificationFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ModerationQueue($first: Int!) {\n    moderationQueue(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          reason\n          status\n          createdAt\n          reporter {\n            id\n            handle\n            displayName\n          }\n          post {\n            id\n            title\n            body\n            hidden\n            locked\n            pinned\n            author {\n              id\n              handle\n              displayName\n            }\n          }\n          comment {\n            id\n            body\n            hidden\n            author {\n              id\n              handle\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ModerationQueue($first: Int!) {\n    moderationQueue(first: $first) {\n      totalCount\n      edges {\n        node {\n          id\n          reason\n          status\n          createdAt\n          reporter {\n            id\n            handle\n            displayName\n          }\n          post {\n            id\n            title\n            body\n            hidden\n            locked\n            pinned\n            author {\n              id\n              handle\n              displayName\n            }\n          }\n          comment {\n            id\n            body\n            hidden\n            author {\n              id\n              handle\n              displayName\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HidePost($id: ID!) {\n    hidePost(id: $id) {\n      id\n      hidden\n    }\n  }\n"): (typeof documents)["\n  mutation HidePost($id: ID!) {\n    hidePost(id: $id) {\n      id\n      hidden\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnhidePost($id: ID!) {\n    unhidePost(id: $id) {\n      id\n      hidden\n    }\n  }\n"): (typeof documents)["\n  mutation UnhidePost($id: ID!) {\n    unhidePost(id: $id) {\n      id\n      hidden\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation HideComment($id: ID!) {\n    hideComment(id: $id) {\n      id\n      hidden\n    }\n  }\n"): (typeof documents)["\n  mutation HideComment($id: ID!) {\n    hideComment(id: $id) {\n      id\n      hidden\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnhideComment($id: ID!) {\n    unhideComment(id: $id) {\n      id\n      hidden\n    }\n  }\n"): (typeof documents)["\n  mutation UnhideComment($id: ID!) {\n    unhideComment(id: $id) {\n      id\n      hidden\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LockPost($id: ID!, $locked: Boolean!) {\n    lockPost(id: $id, locked: $locked) {\n      id\n      locked\n    }\n  }\n"): (typeof documents)["\n  mutation LockPost($id: ID!, $locked: Boolean!) {\n    lockPost(id: $id, locked: $locked) {\n      id\n      locked\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PinPost($id: ID!, $pinned: Boolean!) {\n    pinPost(id: $id, pinned: $pinned) {\n      id\n      pinned\n    }\n  }\n"): (typeof documents)["\n  mutation PinPost($id: ID!, $pinned: Boolean!) {\n    pinPost(id: $id, pinned: $pinned) {\n      id\n      pinned\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DismissReport($id: ID!) {\n    dismissReport(id: $id) {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation DismissReport($id: ID!) {\n    dismissReport(id: $id) {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription BoardEvents($boardId: ID!) {\n    boardEvents(boardId: $boardId) {\n      type\n      postId\n      commentId\n      post {\n        ...PostFields\n        bodyHTML\n        hidden\n        updatedAt\n      }\n      comment {\n        ...CommentFields\n      }\n      reactions {\n        ...ReactionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription BoardEvents($boardId: ID!) {\n    boardEvents(boardId: $boardId) {\n      type\n      postId\n      commentId\n      post {\n        ...PostFields\n        bodyHTML\n        hidden\n        updatedAt\n      }\n      comment {\n        ...CommentFields\n      }\n      reactions {\n        ...ReactionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment OrderFields on Order {\n    id\n    source\n    externalID\n    amount\n    costToServe\n    currency\n    channel\n    productCategory\n    orderedAt\n    kind\n    note\n    cancellation {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment OrderFields on Order {\n    id\n    source\n    externalID\n    amount\n    costToServe\n    currency\n    channel\n    productCategory\n    orderedAt\n    kind\n    note\n    cancellation {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TicketFields on Ticket {\n    id\n    title\n    description\n    status\n    priority\n    createdAt\n    updatedAt\n    firstResponseAt\n    resolvedAt\n  }\n"): (typeof documents)["\n  fragment TicketFields on Ticket {\n    id\n    title\n    description\n    status\n    priority\n    createdAt\n    updatedAt\n    firstResponseAt\n    resolvedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAccount {\n    me {\n      id\n      email\n      emailVerifiedAt\n      customer {\n        id\n        name\n        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...OrderFields\n            }\n          }\n        }\n        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...TicketFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAccount {\n    me {\n      id\n      email\n      emailVerifiedAt\n      customer {\n        id\n        name\n        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...OrderFields\n            }\n          }\n        }\n        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...TicketFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateMyTicket($input: CreateMyTicketInput!) {\n    createMyTicket(input: $input) {\n      ...TicketFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateMyTicket($input: CreateMyTicketInput!) {\n    createMyTicket(input: $input) {\n      ...TicketFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment StaffUserFields on User {\n    id\n    email\n    role\n    member {\n      id\n      displayName\n    }\n  }\n"): (typeof documents)["\n  fragment StaffUserFields on User {\n    id\n    email\n    role\n    member {\n      id\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomerProfileFields on Customer {\n    id\n    createdAt\n    updatedAt\n    kind\n    name\n    email\n    phone\n    address\n    region\n    legalRepresentative\n    foundedOn\n    occupation\n    interests\n    industry\n    companySize\n    serviceArea\n    salesCapacity\n    growthPotential\n    businessStatus\n    paymentBehaviour\n    openIssues\n    tags\n    customFields\n    creditRating\n    riskLevel\n    valueTier\n    blacklisted\n    owner {\n      ...StaffUserFields\n    }\n    team {\n      id\n      role\n      user {\n        ...StaffUserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment CustomerProfileFields on Customer {\n    id\n    createdAt\n    updatedAt\n    kind\n    name\n    email\n    phone\n    address\n    region\n    legalRepresentative\n    foundedOn\n    occupation\n    interests\n    industry\n    companySize\n    serviceArea\n    salesCapacity\n    growthPotential\n    businessStatus\n    paymentBehaviour\n    openIssues\n    tags\n    customFields\n    creditRating\n    riskLevel\n    valueTier\n    blacklisted\n    owner {\n      ...StaffUserFields\n    }\n    team {\n      id\n      role\n      user {\n        ...StaffUserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        ...CustomerProfileFields\n        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...OrderFields\n            }\n          }\n        }\n        careRecords(first: 50, orderBy: { field: OCCURRED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              id\n              kind\n              notes\n              occurredAt\n              followUpAt\n              followedUpAt\n              author {\n                ...StaffUserFields\n              }\n            }\n          }\n        }\n        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...TicketFields\n              assignee {\n                ...StaffUserFields\n              }\n            }\n          }\n        }\n        history(first: 50) {\n          totalCount\n          edges {\n            node {\n              id\n              field\n              oldValue\n              newValue\n              actorID\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerPage($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        ...CustomerProfileFields\n        orders(first: 50, orderBy: { field: ORDERED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...OrderFields\n            }\n          }\n        }\n        careRecords(first: 50, orderBy: { field: OCCURRED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              id\n              kind\n              notes\n              occurredAt\n              followUpAt\n              followedUpAt\n              author {\n                ...StaffUserFields\n              }\n            }\n          }\n        }\n        tickets(first: 50, orderBy: { field: CREATED_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...TicketFields\n              assignee {\n                ...StaffUserFields\n              }\n            }\n          }\n        }\n        history(first: 50) {\n          totalCount\n          edges {\n            node {\n              id\n              field\n              oldValue\n              newValue\n              actorID\n              createdAt\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on User {\n        __typename\n        ...StaffUserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersById($ids: [ID!]!) {\n    nodes(ids: $ids) {\n      ... on User {\n        __typename\n        ...StaffUserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerProfileFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCustomer($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...CustomerProfileFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCareRecord($input: CreateCareRecordInput!) {\n    createCareRecord(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCareRecord($input: CreateCareRecordInput!) {\n    createCareRecord(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateTicket($input: CreateTicketInput!) {\n    createTicket(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestEmailVerification {\n    requestEmailVerification\n  }\n"): (typeof documents)["\n  mutation RequestEmailVerification {\n    requestEmailVerification\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerifiedAt\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      id\n      emailVerifiedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($token: String!, $newPassword: String!) {\n    resetPassword(token: $token, newPassword: $newPassword) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ImportJobFields on Job {\n    id\n    kind\n    status\n    progressDone\n    progressTotal\n    message\n    error\n    importResult {\n      kind\n      rows\n      created\n      updated\n      skipped\n      duplicates\n      alreadyPresent\n      written\n      errorCount\n      errors {\n        line\n        field\n        code\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ImportJobFields on Job {\n    id\n    kind\n    status\n    progressDone\n    progressTotal\n    message\n    error\n    importResult {\n      kind\n      rows\n      created\n      updated\n      skipped\n      duplicates\n      alreadyPresent\n      written\n      errorCount\n      errors {\n        line\n        field\n        code\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ImportJob($id: ID!) {\n    jobProgress(id: $id) {\n      ...ImportJobFields\n    }\n  }\n"): (typeof documents)["\n  subscription ImportJob($id: ID!) {\n    jobProgress(id: $id) {\n      ...ImportJobFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MergeCandidates($q: String!) {\n    customers(first: 8, where: { or: [{ nameContainsFold: $q }, { emailContainsFold: $q }] }) {\n      edges {\n        node {\n          id\n          name\n          email\n          region\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MergeCandidates($q: String!) {\n    customers(first: 8, where: { or: [{ nameContainsFold: $q }, { emailContainsFold: $q }] }) {\n      edges {\n        node {\n          id\n          name\n          email\n          region\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MergeCustomers($keepId: ID!, $mergeId: ID!) {\n    mergeCustomers(keepId: $keepId, mergeId: $mergeId) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation MergeCustomers($keepId: ID!, $mergeId: ID!) {\n    mergeCustomers(keepId: $keepId, mergeId: $mergeId) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KeyAccountFields on Customer {\n    id\n    name\n    region\n    keyAccount\n    accountScope\n    cooperationLevel\n    lifecycleStage\n    riskLevel\n    riskReason\n    valueTier\n    blacklisted\n    ownerSince\n    owner {\n      ...StaffUserFields\n    }\n  }\n"): (typeof documents)["\n  fragment KeyAccountFields on Customer {\n    id\n    name\n    region\n    keyAccount\n    accountScope\n    cooperationLevel\n    lifecycleStage\n    riskLevel\n    riskReason\n    valueTier\n    blacklisted\n    ownerSince\n    owner {\n      ...StaffUserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query KeyAccount($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        ...KeyAccountFields\n        team {\n          id\n          role\n          user {\n            ...StaffUserFields\n          }\n        }\n        tickets(first: 20, where: { statusIn: [OPEN, IN_PROGRESS] }, orderBy: { field: CREATED_AT, direction: DESC }) {\n          edges {\n            node {\n              id\n              title\n              priority\n              status\n              slaFirstResponseDueAt\n              slaResolutionDueAt\n              slaBreached\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query KeyAccount($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        ...KeyAccountFields\n        team {\n          id\n          role\n          user {\n            ...StaffUserFields\n          }\n        }\n        tickets(first: 20, where: { statusIn: [OPEN, IN_PROGRESS] }, orderBy: { field: CREATED_AT, direction: DESC }) {\n          edges {\n            node {\n              id\n              title\n              priority\n              status\n              slaFirstResponseDueAt\n              slaResolutionDueAt\n              slaBreached\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TeamCandidates {\n    accountTeamCandidates {\n      ...StaffUserFields\n    }\n  }\n"): (typeof documents)["\n  query TeamCandidates {\n    accountTeamCandidates {\n      ...StaffUserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateKeyAccount($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...KeyAccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateKeyAccount($id: ID!, $input: UpdateCustomerInput!) {\n    updateCustomer(id: $id, input: $input) {\n      ...KeyAccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LowerRiskLevel($customerId: ID!, $level: CustomerRiskLevel!, $reason: String!) {\n    lowerRiskLevel(customerId: $customerId, level: $level, reason: $reason) {\n      ...KeyAccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation LowerRiskLevel($customerId: ID!, $level: CustomerRiskLevel!, $reason: String!) {\n    lowerRiskLevel(customerId: $customerId, level: $level, reason: $reason) {\n      ...KeyAccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetBlacklisted($customerId: ID!, $blacklisted: Boolean!, $reason: String!) {\n    setBlacklisted(customerId: $customerId, blacklisted: $blacklisted, reason: $reason) {\n      ...KeyAccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation SetBlacklisted($customerId: ID!, $blacklisted: Boolean!, $reason: String!) {\n    setBlacklisted(customerId: $customerId, blacklisted: $blacklisted, reason: $reason) {\n      ...KeyAccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetAccountTeamMember($customerId: ID!, $userId: ID!, $role: AccountTeamMemberRole!) {\n    setAccountTeamMember(customerId: $customerId, userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n"): (typeof documents)["\n  mutation SetAccountTeamMember($customerId: ID!, $userId: ID!, $role: AccountTeamMemberRole!) {\n    setAccountTeamMember(customerId: $customerId, userId: $userId, role: $role) {\n      id\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveAccountTeamMember($customerId: ID!, $userId: ID!) {\n    removeAccountTeamMember(customerId: $customerId, userId: $userId)\n  }\n"): (typeof documents)["\n  mutation RemoveAccountTeamMember($customerId: ID!, $userId: ID!) {\n    removeAccountTeamMember(customerId: $customerId, userId: $userId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountAlertFields on AccountAlert {\n    id\n    kind\n    riskLevel\n    reason\n    createdAt\n    customer {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AccountAlertFields on AccountAlert {\n    id\n    kind\n    riskLevel\n    reason\n    createdAt\n    customer {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyAccounts {\n    myAccounts(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          ...KeyAccountFields\n        }\n      }\n    }\n    recentAccountAlerts(first: 20) {\n      edges {\n        node {\n          ...AccountAlertFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyAccounts {\n    myAccounts(first: 100, orderBy: { field: NAME, direction: ASC }) {\n      totalCount\n      edges {\n        node {\n          ...KeyAccountFields\n        }\n      }\n    }\n    recentAccountAlerts(first: 20) {\n      edges {\n        node {\n          ...AccountAlertFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription AccountAlerts {\n    accountAlerts {\n      ...AccountAlertFields\n    }\n  }\n"): (typeof documents)["\n  subscription AccountAlerts {\n    accountAlerts {\n      ...AccountAlertFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerPool($first: Int, $after: Cursor) {\n    customerPool(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          region\n          valueTier\n          riskLevel\n          pooledAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerPool($first: Int, $after: Cursor) {\n    customerPool(first: $first, after: $after, orderBy: { field: UPDATED_AT, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          region\n          valueTier\n          riskLevel\n          pooledAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimCustomer($id: ID!) {\n    claimCustomer(id: $id) {\n      id\n      ownerSince\n    }\n  }\n"): (typeof documents)["\n  mutation ClaimCustomer($id: ID!) {\n    claimCustomer(id: $id) {\n      id\n      ownerSince\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SavedViews {\n    savedViews(first: 100) {\n      edges {\n        node {\n          id\n          name\n          where\n          shared\n          ownerID\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SavedViews {\n    savedViews(first: 100) {\n      edges {\n        node {\n          id\n          name\n          where\n          shared\n          ownerID\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSavedView($input: CreateSavedViewInput!) {\n    createSavedView(input: $input) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSavedView($input: CreateSavedViewInput!) {\n    createSavedView(input: $input) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSavedView($id: ID!) {\n    deleteSavedView(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteSavedView($id: ID!) {\n    deleteSavedView(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CustomFieldDefinitionFields on CustomFieldDefinition {\n    id\n    key\n    type\n    options\n    labelEn\n    labelZh\n    required\n    position\n    archived\n  }\n"): (typeof documents)["\n  fragment CustomFieldDefinitionFields on CustomFieldDefinition {\n    id\n    key\n    type\n    options\n    labelEn\n    labelZh\n    required\n    position\n    archived\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomFieldDefinitions($includeArchived: Boolean) {\n    customFieldDefinitions(includeArchived: $includeArchived) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"): (typeof documents)["\n  query CustomFieldDefinitions($includeArchived: Boolean) {\n    customFieldDefinitions(includeArchived: $includeArchived) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateCustomFieldDefinition($input: CreateCustomFieldDefinitionInput!) {\n    createCustomFieldDefinition(input: $input) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateCustomFieldDefinition($input: CreateCustomFieldDefinitionInput!) {\n    createCustomFieldDefinition(input: $input) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateCustomFieldDefinition($id: ID!, $input: UpdateCustomFieldDefinitionInput!) {\n    updateCustomFieldDefinition(id: $id, input: $input) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateCustomFieldDefinition($id: ID!, $input: UpdateCustomFieldDefinitionInput!) {\n    updateCustomFieldDefinition(id: $id, input: $input) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveCustomFieldDefinition($id: ID!) {\n    archiveCustomFieldDefinition(id: $id) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveCustomFieldDefinition($id: ID!) {\n    archiveCustomFieldDefinition(id: $id) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreCustomFieldDefinition($id: ID!) {\n    restoreCustomFieldDefinition(id: $id) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreCustomFieldDefinition($id: ID!) {\n    restoreCustomFieldDefinition(id: $id) {\n      ...CustomFieldDefinitionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteCustomFieldDefinition($id: ID!) {\n    deleteCustomFieldDefinition(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteCustomFieldDefinition($id: ID!) {\n    deleteCustomFieldDefinition(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PointsEntryFields on PointsEntry {\n    id\n    createdAt\n    kind\n    points\n    balanceAfter\n    shortfall\n    reason\n    activity\n    order {\n      id\n      kind\n      externalID\n      amount\n      currency\n      orderedAt\n    }\n    actor {\n      ...StaffUserFields\n    }\n  }\n"): (typeof documents)["\n  fragment PointsEntryFields on PointsEntry {\n    id\n    createdAt\n    kind\n    points\n    balanceAfter\n    shortfall\n    reason\n    activity\n    order {\n      id\n      kind\n      externalID\n      amount\n      currency\n      orderedAt\n    }\n    actor {\n      ...StaffUserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerLoyalty($id: ID!, $first: Int) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        loyaltyPoints\n        loyaltyLedger(first: $first) {\n          totalCount\n          edges {\n            node {\n              ...PointsEntryFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerLoyalty($id: ID!, $first: Int) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        loyaltyPoints\n        loyaltyLedger(first: $first) {\n          totalCount\n          edges {\n            node {\n              ...PointsEntryFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RedeemPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    redeemPoints(customerId: $customerId, points: $points, reason: $reason) {\n      id\n      balanceAfter\n    }\n  }\n"): (typeof documents)["\n  mutation RedeemPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    redeemPoints(customerId: $customerId, points: $points, reason: $reason) {\n      id\n      balanceAfter\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    adjustPoints(customerId: $customerId, points: $points, reason: $reason) {\n      id\n      balanceAfter\n    }\n  }\n"): (typeof documents)["\n  mutation AdjustPoints($customerId: ID!, $points: Int!, $reason: String!) {\n    adjustPoints(customerId: $customerId, points: $points, reason: $reason) {\n      id\n      balanceAfter\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment LoyaltySettingsFields on LoyaltySettings {\n    orderUnit\n    orderPoints\n    redeemMinimum\n    activities {\n      activity\n      points\n      dailyCap\n    }\n  }\n"): (typeof documents)["\n  fragment LoyaltySettingsFields on LoyaltySettings {\n    orderUnit\n    orderPoints\n    redeemMinimum\n    activities {\n      activity\n      points\n      dailyCap\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query LoyaltySettings {\n    loyaltySettings {\n      ...LoyaltySettingsFields\n    }\n  }\n"): (typeof documents)["\n  query LoyaltySettings {\n    loyaltySettings {\n      ...LoyaltySettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateLoyaltySettings($input: LoyaltySettingsInput!) {\n    updateLoyaltySettings(input: $input) {\n      ...LoyaltySettingsFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateLoyaltySettings($input: LoyaltySettingsInput!) {\n    updateLoyaltySettings(input: $input) {\n      ...LoyaltySettingsFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    amount\n    currency\n    paidAmount\n    openAmount\n    overdue\n    status\n    issuedAt\n    dueAt\n    note\n    voidReason\n  }\n"): (typeof documents)["\n  fragment InvoiceFields on Invoice {\n    id\n    number\n    amount\n    currency\n    paidAmount\n    openAmount\n    overdue\n    status\n    issuedAt\n    dueAt\n    note\n    voidReason\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReceivablesSummaryFields on Receivables {\n    currency\n    open\n    overdue\n    openInvoices\n    overdueInvoices\n  }\n"): (typeof documents)["\n  fragment ReceivablesSummaryFields on Receivables {\n    currency\n    open\n    overdue\n    openInvoices\n    overdueInvoices\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerReceivables($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        receivables {\n          ...ReceivablesSummaryFields\n        }\n        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...InvoiceFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerReceivables($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        receivables {\n          ...ReceivablesSummaryFields\n        }\n        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...InvoiceFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvoices {\n    me {\n      id\n      customer {\n        id\n        receivables {\n          ...ReceivablesSummaryFields\n        }\n        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...InvoiceFields\n            }\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyInvoices {\n    me {\n      id\n      customer {\n        id\n        receivables {\n          ...ReceivablesSummaryFields\n        }\n        invoices(first: 50, orderBy: { field: DUE_AT, direction: DESC }) {\n          totalCount\n          edges {\n            node {\n              ...InvoiceFields\n            }\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateInvoice($input: CreateInvoiceInput!) {\n    createInvoice(input: $input) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amount\n      invoice {\n        ...InvoiceFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RecordPayment($input: RecordPaymentInput!) {\n    recordPayment(input: $input) {\n      id\n      amount\n      invoice {\n        ...InvoiceFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n"): (typeof documents)["\n  mutation VoidInvoice($id: ID!, $reason: String!) {\n    voidInvoice(id: $id, reason: $reason) {\n      ...InvoiceFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    sources\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    active\n  }\n"): (typeof documents)["\n  fragment ApiKeyFields on ApiKey {\n    id\n    name\n    prefix\n    scopes\n    sources\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    active\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ApiKeys {\n    apiKeys(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ApiKeyFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ApiKeys {\n    apiKeys(first: 100) {\n      totalCount\n      edges {\n        node {\n          ...ApiKeyFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueApiKey($input: IssueApiKeyInput!) {\n    issueApiKey(input: $input) {\n      secret\n      key {\n        ...ApiKeyFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation IssueApiKey($input: IssueApiKeyInput!) {\n    issueApiKey(input: $input) {\n      secret\n      key {\n        ...ApiKeyFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"): (typeof documents)["\n  mutation RevokeApiKey($id: ID!) {\n    revokeApiKey(id: $id) {\n      ...ApiKeyFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CustomerValue($id: ID!, $from: Time!, $to: Time!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        contributionReport(from: $from, to: $to, period: YEAR) {\n          currency\n        }\n        valueTier\n        contribution\n        monetary\n        orderCount\n        paretoPercentile\n        paretoTop20\n        lastOrderAt\n        expectedNextOrderAt\n        dueStatus\n        rfm {\n          recency\n          frequency\n          monetary\n          segment\n        }\n        boughtCategories\n        crossSell(limit: 5) {\n          category\n          customers\n          share\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CustomerValue($id: ID!, $from: Time!, $to: Time!) {\n    node(id: $id) {\n      __typename\n      ... on Customer {\n        id\n        contributionReport(from: $from, to: $to, period: YEAR) {\n          currency\n        }\n        valueTier\n        contribution\n        monetary\n        orderCount\n        paretoPercentile\n        paretoTop20\n        lastOrderAt\n        expectedNextOrderAt\n        dueStatus\n        rfm {\n          recency\n          frequency\n          monetary\n          segment\n        }\n        boughtCategories\n        crossSell(limit: 5) {\n          category\n          customers\n          share\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecomputeScores {\n    recomputeScores {\n      id\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation RecomputeScores {\n    recomputeScores {\n      id\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SettingsPage {\n    settings {\n      reportingCurrency\n      timeZone\n      exchangeRates {\n        currency\n        rate\n      }\n    }\n    accountSettings {\n      sla {\n        priority\n        firstResponseMinutes\n        resolutionMinutes\n      }\n      risk {\n        contributionDays\n        contributionDropPercent\n        contributionLevel\n        openTicketsMax\n        openTicketsLevel\n        urgentOpenLevel\n        noContactDays\n        noContactLevel\n        overdueDays\n        overdueLevel\n      }\n      pool {\n        tier\n        days\n      }\n    }\n  }\n"): (typeof documents)["\n  query SettingsPage {\n    settings {\n      reportingCurrency\n      timeZone\n      exchangeRates {\n        currency\n        rate\n      }\n    }\n    accountSettings {\n      sla {\n        priority\n        firstResponseMinutes\n        resolutionMinutes\n      }\n      risk {\n        contributionDays\n        contributionDropPercent\n        contributionLevel\n        openTicketsMax\n        openTicketsLevel\n        urgentOpenLevel\n        noContactDays\n        noContactLevel\n        overdueDays\n        overdueLevel\n      }\n      pool {\n        tier\n        days\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateSettings($input: UpdateSettingsInput!) {\n    updateSettings(input: $input) {\n      reportingCurrency\n      timeZone\n      exchangeRates {\n        currency\n        rate\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateSettings($input: UpdateSettingsInput!) {\n    updateSettings(input: $input) {\n      reportingCurrency\n      timeZone\n      exchangeRates {\n        currency\n        rate\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateAccountSettings($input: AccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      risk {\n        contributionDays\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateAccountSettings($input: AccountSettingsInput!) {\n    updateAccountSettings(input: $input) {\n      risk {\n        contributionDays\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;