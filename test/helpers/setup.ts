// Jest setup (setupFilesAfterEnv): the library's connectivity matchers, as a user's test suite would register them.
import { connectivityMatchers, ConnectivityMatchers } from '../../lib';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-interface
    interface Matchers<R> extends ConnectivityMatchers<R> {}
  }
}

expect.extend(connectivityMatchers);
