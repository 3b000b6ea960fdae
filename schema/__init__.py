"""The GraphQL schema: types, inputs, errors-as-data and the root operations."""
