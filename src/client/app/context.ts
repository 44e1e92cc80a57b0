import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session } from '../db/meta';
import type { AppModel } from './app-model';

export const AppContext = createContext<AppModel | null>(null);

export function useApp(): AppModel {
  const app = useContext(AppContext);
  if (!app) throw new Error('useApp outside <AppContext.Provider>');
  return app;
}

export const SessionContext = createContext<Session | null>(null);

/** The enrolled user's session; screens behind enrolment can rely on it. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession before enrolment');
  return session;
}
