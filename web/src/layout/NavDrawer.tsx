import { Drawer } from 'antd';
import type { ReactNode } from 'react';

/** The navigation drawer of a phone, in its own chunk: a visitor on a wide screen never downloads it. */
export default function NavDrawer({ open, onClose, title, testId, children }: { open: boolean; onClose: () => void; title: ReactNode; testId: string; children: ReactNode }) {
  return (
    <Drawer placement="left" open={open} onClose={onClose} title={title} size={260} styles={{ body: { padding: 0 } }} data-testid={testId}>
      {children}
    </Drawer>
  );
}
