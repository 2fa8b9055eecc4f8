import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { AGENT_KEY } from './agent';

// Every event type of a file's timeline (libs/requests request-event.entity.ts), internal ones included.
const EVENT_TYPES = [
  'submitted',
  'routed',
  'assigned',
  'status_changed',
  'info_requested',
  'resubmitted',
  'decided',
  'withdrawn',
  'message_posted',
  'document_added',
  'document_issued',
  'note_added',
  'deadline_reminder',
];

export interface LiveFrame {
  requestId: string;
  reference: string | null;
  label: string;
  type: string;
}

/**
 * The directorate's live stream (SSE on /api/agent/events, cookie-authenticated; EventSource
 * reconnects with Last-Event-ID by itself). Each event refreshes the back office's data; `onFrame`
 * lets a page say what it means for what it shows.
 */
export function useAgentLive(onFrame?: (frame: LiveFrame) => void): { connected: boolean } {
  const client = useQueryClient();
  const [connected, setConnected] = useState(false);
  const handler = useRef(onFrame);
  handler.current = onFrame;
  useEffect(() => {
    const source = new EventSource('/api/agent/events', { withCredentials: true });
    const onEvent = (event: MessageEvent<string>) => {
      void client.invalidateQueries({ queryKey: AGENT_KEY });
      try {
        handler.current?.({ ...(JSON.parse(event.data) as LiveFrame), type: event.type });
      } catch {
        // A frame we cannot read still refreshed the data.
      }
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, [client]);
  return { connected };
}
