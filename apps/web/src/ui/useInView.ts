import { useEffect, useState, type RefObject } from 'react';

/** Whether the element is inside its scroll container's viewport (or the page's). */
export function useInView(target: RefObject<Element | null>, root: RefObject<Element | null>): boolean {
  const [inView, setInView] = useState(false);
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    const observer = new IntersectionObserver(([entry]) => setInView(entry?.isIntersecting ?? false), { root: root.current });
    observer.observe(element);
    return () => observer.disconnect();
  }, [target, root]);
  return inView;
}
