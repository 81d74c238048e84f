import Bowser from 'bowser';

const MAX_DEVICE = 80;

/**
 * What a person would call the device behind a User-Agent: "Firefox 128 on Linux", "Safari
 * 17.5 on iOS", "chat-cli 0.1 on Linux"; a User-Agent no parser knows is shown as it is.
 */
export function describeDevice(userAgent: string): string {
  if (!userAgent.trim()) return 'Unknown device';
  const { browser, os } = Bowser.parse(userAgent);
  const program = browser.name ? `${browser.name} ${shortVersion(browser.version)}`.trim() : userAgent;
  return (os.name ? `${program} on ${os.name}` : program).slice(0, MAX_DEVICE);
}

/** Enough of a version to tell releases apart at a glance: "126.0.6478.122" is "126". */
const shortVersion = (version = ''): string => version.split('.').slice(0, 2).join('.').replace(/\.0$/, '');
