const Q = gql`query { customers(first: 1) { totalCount } }`;
/*aéb