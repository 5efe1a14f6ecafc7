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
    author {
      id
      handle
      displayName
    }
    board {
      id
      name
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
  ) {
    customers(
      first: $first
      after: $after
      last: $last
      before: $before
      where: $where
      orderBy: { field: NAME, direction: ASC }
    ) {
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
        }
      }
    }
  }
`);
