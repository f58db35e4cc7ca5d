// Prints the current TOTP code of the demo accounts (they share one known secret).
import { totpCode } from '../identity/totp';
import { DEMO_TOTP_SECRET } from './demo-accounts';

const now = new Date();
const secondsLeft = 30 - (Math.floor(now.getTime() / 1000) % 30);
console.log(`${totpCode(DEMO_TOTP_SECRET, now)}  (演示账户动态口令 / demo TOTP code, valid ${secondsLeft}s more)`);
