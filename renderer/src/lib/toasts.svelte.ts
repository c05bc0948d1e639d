// Short-lived notices (joins, leaves, errors) read out through a polite live region.

export interface Toast {
  id: number;
  text: string;
  tone: 'info' | 'error';
}

export class Toasts {
  items = $state<Toast[]>([]);
  #next = 1;

  show(text: string, tone: Toast['tone'] = 'info', ms = 4000): void {
    const id = this.#next++;
    // Keep the stack short: a burst of joins should not cover the room.
    this.items = [...this.items.slice(-3), { id, text, tone }];
    setTimeout(() => this.dismiss(id), ms);
  }

  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}
