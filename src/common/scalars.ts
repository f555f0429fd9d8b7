import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
export {
  DateTimeResolver as DateTimeScalar,
  DateResolver as DateScalar,
  EmailAddressResolver as EmailAddressScalar,
  CountryCodeResolver as CountryCodeScalar,
  NonNegativeIntResolver as NonNegativeIntScalar,
  CurrencyResolver as CurrencyScalar,
} from 'graphql-scalars';

const DECIMAL = /^-?\d{1,15}(\.\d{1,4})?$/;

function parseDecimal(value: unknown): string {
  if (typeof value !== 'string' || !DECIMAL.test(value)) {
    throw new GraphQLError('Decimal must be a string such as "1250.00" (at most 15 digits before and 4 after the point)');
  }
  return value;
}

/** Exact decimal as a string: money never travels as a float. */
export const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  description: 'An exact decimal number as a string, e.g. "300000.00". Never a float.',
  serialize: (value) => String(value),
  parseValue: parseDecimal,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Decimal must be a string literal such as "1250.00"');
    return parseDecimal(ast.value);
  },
});

const MAX_URL_LENGTH = 2048;

function parseUrl(value: unknown): string {
  if (typeof value !== 'string' || value.length > MAX_URL_LENGTH) throw new GraphQLError('URL must be a string of at most 2048 characters');
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new GraphQLError(`Not a valid URL: ${value.slice(0, 100)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new GraphQLError('URL must use http or https');
  return url.toString();
}

/**
 * An absolute http(s) URL, kept as a string (graphql-scalars' URL parses to a URL object,
 * which does not survive being stored and compared).
 */
export const UrlScalar = new GraphQLScalarType({
  name: 'URL',
  description: 'An absolute http or https URL (RFC 3986), at most 2048 characters.',
  serialize: (value) => String(value),
  parseValue: parseUrl,
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('URL must be a string literal');
    return parseUrl(ast.value);
  },
});
