/**
 * Keyboard access to content that scrolls sideways (WCAG 2.1.1, axe "scrollable-region-focusable"):
 * a wide table scrolls inside its own box on a phone, so that box must take focus for the arrow
 * keys to scroll it. Ant Design renders those boxes itself; this marks each one that scrolls.
 */
const SCROLLERS = '.ant-table-content, .ant-table-body, .notice-body';

function markScrollers() {
  for (const el of document.querySelectorAll<HTMLElement>(SCROLLERS)) {
    const scrolls = el.scrollWidth > el.clientWidth + 1;
    if (scrolls && !el.hasAttribute('tabindex')) {
      el.tabIndex = 0;
      el.dataset.a11yScroller = '';
    } else if (!scrolls && 'a11yScroller' in el.dataset) {
      el.removeAttribute('tabindex');
      delete el.dataset.a11yScroller;
    }
  }
}

export function installScrollableRegionFocus() {
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      markScrollers();
    });
  };
  new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
  window.addEventListener('resize', schedule);
}
