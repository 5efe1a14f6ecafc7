import type { CodegenConfig } from '@graphql-codegen/cli';

// Types for every operation in src/ are generated from the server's schema
// (entgql output plus the hand-written *.graphqls files). The output in
// src/gql/ is committed; run `npm run codegen` after the schema changes.
const config: CodegenConfig = {
  schema: ['../graph/*.graphql', '../graph/*.graphqls'],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        avoidOptionals: false,
        defaultScalarType: 'unknown',
        scalars: {
          ID: 'string',
          Time: 'string',
          Cursor: 'string',
          Map: 'Record<string, unknown>',
          CustomFieldValue: 'string | number | boolean',
        },
      },
    },
  },
};

export default config;
