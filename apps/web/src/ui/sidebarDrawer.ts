import { createContext, useContext } from 'react';

/** Opens the conversations drawer (phone-width screens, where the sidebar is not shown). */
export const SidebarDrawerContext = createContext<() => void>(() => {});

export function useOpenSidebarDrawer(): () => void {
  return useContext(SidebarDrawerContext);
}
