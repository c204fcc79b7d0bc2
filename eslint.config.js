// Lint rules, including the layer rules (also enforced by test/tidy.test.ts, which cannot be
// silenced inline).
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

const layerRule = (patterns) => [
  'error',
  { patterns: patterns.map((group) => ({ group, message: 'layer rule: see DESIGN.md' })) },
]

export default tseslint.config(
  { ignores: ['node_modules/**', 'src/api/generated/**', '.metrum/**', 'tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        Buffer: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/domain/**'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': layerRule([
        [
          '**/app/**',
          '**/store/**',
          '**/api/**',
          '**/jobs/**',
          '**/cli/**',
          'node:*',
          'pg',
          'kysely',
          'fastify',
        ],
      ]),
    },
  },
  {
    files: ['src/app/**'],
    rules: {
      'no-restricted-imports': layerRule([['**/store/**', '**/api/**', '**/jobs/**', '**/cli/**']]),
    },
  },
  {
    files: ['src/store/**'],
    rules: { 'no-restricted-imports': layerRule([['**/api/**', '**/jobs/**', '**/cli/**']]) },
  },
  {
    files: ['src/api/**'],
    rules: { 'no-restricted-imports': layerRule([['**/store/**', '**/jobs/**', '**/cli/**']]) },
  },
  {
    files: ['src/jobs/**'],
    rules: { 'no-restricted-imports': layerRule([['**/api/**', '**/store/**', '**/cli/**']]) },
  },
)
