import { gql } from '@apollo/client';
import { CustomerParts } from '../src/fragments';

export const THREAD = gql`
  query ThreadWithCustomer($threadId: ID!) {
    thread(threadId: $threadId) {
      id
      customer {
        ...CustomerParts
        nickname
      }
    }
  }
  ${CustomerParts}
`;
