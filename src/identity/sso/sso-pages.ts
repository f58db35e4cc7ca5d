/**
 * The few pages the platform shows during single sign-on, outside the web app: plain HTML in
 * Chinese with English beneath, no inline script (the platform's CSP allows scripts from itself only).
 */
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const page = (title: string, body: string, script?: string) => `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · 一网交易</title>
<style>body{font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;margin:0;padding:48px 16px;color:#222}main{max-width:440px;margin:0 auto;background:#fff;border-radius:8px;padding:24px;box-shadow:0 1px 4px rgba(0,0,0,.1)}h1{font-size:20px;margin:0 0 12px}p{line-height:1.6}.en{color:#777;font-size:13px}button,a.button{display:inline-block;background:#c8102e;color:#fff;border:0;border-radius:6px;padding:8px 20px;font-size:15px;cursor:pointer;text-decoration:none}</style>
</head>
<body>
<main>
${body}
</main>
${script ? `<script src="${script}"></script>` : ''}
</body>
</html>`;

/** Shown while the page checks the platform session and hands the sign-in over to the sub-platform. */
export const interactionPage = (uid: string) =>
  page(
    '统一登录',
    `<h1>统一登录</h1>
<p id="sso-status" data-uid="${escape(uid)}" role="status">正在确认您在一网交易平台的登录状态……</p>
<p class="en">Checking that you are signed in to the platform…</p>
<noscript><p>请启用浏览器的 JavaScript 后重试。 / Please enable JavaScript.</p></noscript>`,
    '/sso/interaction.js',
  );

/** The sign-out confirmation: submitted at once when a sub-platform asked with the person's own ID token. */
export const logoutPage = (form: string, autoSubmit: boolean) =>
  page(
    '退出登录',
    `<h1>退出登录</h1>
<p>将同时退出一网交易平台和通过统一登录进入的子平台。</p>
<p class="en">You will be signed out of the platform and of the sub-platforms you reached through it.</p>
${form.replace('</form>', '<input type="hidden" name="logout" value="yes"/></form>')}
<button type="submit" form="op.logoutForm" id="sso-logout" ${autoSubmit ? 'data-auto="1"' : ''}>退出登录 / Sign out</button>`,
    '/sso/logout.js',
  );

export const signedOutPage = () =>
  page('已退出', `<h1>您已退出登录</h1><p class="en">You have signed out.</p><p><a class="button" href="/login">重新登录 / Sign in</a></p>`);

export const errorPage = (error: string, description?: string) =>
  page(
    '统一登录失败',
    `<h1>统一登录未能完成</h1>
<p>子平台的登录请求无效或已过期，请回到子平台重新发起登录。</p>
<p class="en">The sub-platform's sign-in request is invalid or has expired; start again from the sub-platform.</p>
<p class="en" data-testid="sso-error"><code>${escape(error)}</code>${description ? ` — ${escape(description)}` : ''}</p>
<p><a class="button" href="/">返回首页 / Home</a></p>`,
  );

/** /sso/interaction.js: asks the platform, same-origin (so with the session cookie), to finish the sign-in. */
export const INTERACTION_SCRIPT = `(async () => {
  const status = document.getElementById('sso-status');
  const uid = status.dataset.uid;
  try {
    const response = await fetch('/sso/interaction/' + encodeURIComponent(uid) + '/continue', { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: '{}' });
    const answer = await response.json();
    if (answer.redirectTo) return location.assign(answer.redirectTo);
    if (answer.signIn) return location.assign(answer.signIn);
    status.textContent = answer.message || '统一登录未能完成';
  } catch (e) {
    status.textContent = '统一登录未能完成，请稍后重试。';
  }
})();
`;

/** /sso/logout.js: submits the sign-out at once when the page says so. */
export const LOGOUT_SCRIPT = `(() => {
  const button = document.getElementById('sso-logout');
  if (button && button.dataset.auto) document.getElementById('op.logoutForm').requestSubmit(button);
})();
`;
