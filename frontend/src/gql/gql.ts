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
    "\n  fragment ViewerFields on User {\n    id\n    email\n    role\n    member {\n      id\n      handle\n      displayName\n    }\n  }\n": typeof types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.LogInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation LogOut {\n    logOut\n  }\n": typeof types.LogOutDocument,
    "\n  query Boards {\n    boards(first: 50, orderBy: { field: POSITION, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          slug\n          description\n        }\n      }\n    }\n  }\n": typeof types.BoardsDocument,
    "\n  query Board($id: ID!) {\n    node(id: $id) {\n      ... on Board {\n        id\n        name\n        slug\n        description\n        postAccess\n      }\n    }\n  }\n": typeof types.BoardDocument,
    "\n  fragment PostFields on Post {\n    id\n    title\n    body\n    tags\n    createdAt\n    author {\n      id\n      handle\n      displayName\n    }\n    board {\n      id\n      name\n    }\n  }\n": typeof types.PostFieldsFragmentDoc,
    "\n  query BoardPosts($boardId: ID!, $first: Int!, $after: Cursor) {\n    posts(\n      first: $first\n      after: $after\n      where: { hasBoardWith: [{ id: $boardId }] }\n      orderBy: { field: CREATED_AT, direction: DESC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n": typeof types.BoardPostsDocument,
    "\n  subscription PostAdded($boardId: ID) {\n    postAdded(boardId: $boardId) {\n      ...PostFields\n    }\n  }\n": typeof types.PostAddedDocument,
    "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": typeof types.CreatePostDocument,
    "\n  query Customers(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: CustomerWhereInput\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      where: $where\n      orderBy: { field: NAME, direction: ASC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          kind\n          name\n          email\n          phone\n          region\n          tags\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.CustomersDocument,
};
const documents: Documents = {
    "\n  fragment ViewerFields on User {\n    id\n    email\n    role\n    member {\n      id\n      handle\n      displayName\n    }\n  }\n": types.ViewerFieldsFragmentDoc,
    "\n  query Me {\n    me {\n      ...ViewerFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation LogIn($email: String!, $password: String!) {\n    logIn(email: $email, password: $password) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.LogInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...ViewerFields\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation LogOut {\n    logOut\n  }\n": types.LogOutDocument,
    "\n  query Boards {\n    boards(first: 50, orderBy: { field: POSITION, direction: ASC }) {\n      edges {\n        node {\n          id\n          name\n          slug\n          description\n        }\n      }\n    }\n  }\n": types.BoardsDocument,
    "\n  query Board($id: ID!) {\n    node(id: $id) {\n      ... on Board {\n        id\n        name\n        slug\n        description\n        postAccess\n      }\n    }\n  }\n": types.BoardDocument,
    "\n  fragment PostFields on Post {\n    id\n    title\n    body\n    tags\n    createdAt\n    author {\n      id\n      handle\n      displayName\n    }\n    board {\n      id\n      name\n    }\n  }\n": types.PostFieldsFragmentDoc,
    "\n  query BoardPosts($boardId: ID!, $first: Int!, $after: Cursor) {\n    posts(\n      first: $first\n      after: $after\n      where: { hasBoardWith: [{ id: $boardId }] }\n      orderBy: { field: CREATED_AT, direction: DESC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...PostFields\n        }\n      }\n    }\n  }\n": types.BoardPostsDocument,
    "\n  subscription PostAdded($boardId: ID) {\n    postAdded(boardId: $boardId) {\n      ...PostFields\n    }\n  }\n": types.PostAddedDocument,
    "\n  mutation CreatePost($input: CreatePostInput!) {\n    createPost(input: $input) {\n      ...PostFields\n    }\n  }\n": types.CreatePostDocument,
    "\n  query Customers(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: CustomerWhereInput\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      where: $where\n      orderBy: { field: NAME, direction: ASC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          kind\n          name\n          email\n          phone\n          region\n          tags\n          createdAt\n        }\n      }\n    }\n  }\n": types.CustomersDocument,
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
export function graphql(source: "\n  fragment PostFields on Post {\n    id\n    title\n    body\n    tags\n    createdAt\n    author {\n      id\n      handle\n      displayName\n    }\n    board {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment PostFields on Post {\n    id\n    title\n    body\n    tags\n    createdAt\n    author {\n      id\n      handle\n      displayName\n    }\n    board {\n      id\n      name\n    }\n  }\n"];
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
export function graphql(source: "\n  query Customers(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: CustomerWhereInput\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      where: $where\n      orderBy: { field: NAME, direction: ASC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          kind\n          name\n          email\n          phone\n          region\n          tags\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Customers(\n    $first: Int\n    $after: Cursor\n    $last: Int\n    $before: Cursor\n    $where: CustomerWhereInput\n  ) {\n    customers(\n      first: $first\n      after: $after\n      last: $last\n      before: $before\n      where: $where\n      orderBy: { field: NAME, direction: ASC }\n    ) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        hasPreviousPage\n        startCursor\n        endCursor\n      }\n      edges {\n        node {\n          id\n          kind\n          name\n          email\n          phone\n          region\n          tags\n          createdAt\n        }\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;