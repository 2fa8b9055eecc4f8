/** What the demo did, when, and which event types it is expected to cause. */
export interface DemoAction {
  seq: number;
  label: string;
  /** performance.now() just before the HTTP request left. */
  startedAt: number;
  causes: readonly string[];
  /** The file acted on; unknown while it is being created. */
  requestId?: string;
}

/** The fields of a live frame that attribution needs. */
export interface FrameRef {
  id?: string;
  event: string;
  requestId?: string;
  /** A notification's event. */
  eventId?: string;
}

/**
 * Ties each frame to the action that caused it, so a delay can be printed even when a frame arrives
 * late (a worker's event, a notification) after the demo has moved on: the latest action on the same
 * file that causes this event type; a notification inherits its event's action.
 */
export class ActionLog {
  private readonly actions: DemoAction[] = [];
  private readonly byEventId = new Map<string, DemoAction>();

  begin(label: string, causes: readonly string[], requestId: string | undefined, now: number): DemoAction {
    const action: DemoAction = { seq: this.actions.length + 1, label, startedAt: now, causes, requestId };
    this.actions.push(action);
    return action;
  }

  attribute(frame: FrameRef): DemoAction | undefined {
    let action: DemoAction | undefined;
    if (frame.event === 'notification' && frame.eventId) action = this.byEventId.get(frame.eventId);
    action ??= [...this.actions]
      .reverse()
      .find((a) => a.causes.includes(frame.event) && (a.requestId === undefined || frame.requestId === undefined || a.requestId === frame.requestId));
    action ??= this.actions[this.actions.length - 1];
    if (action && frame.id) this.byEventId.set(frame.id, action);
    return action;
  }
}
