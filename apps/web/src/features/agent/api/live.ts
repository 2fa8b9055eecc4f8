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
  // Bumped to open a new stream when the browser gave up on the old one (e.g. a 401 once the access cookie expired).
  const [generation, setGeneration] = useState(0);
  const handler = useRef(onFrame);
  handler.current = onFrame;
  useEffect(() => {
    const source = new EventSource('/api/agent/events', { withCredentials: true });
    let refresh: ReturnType<typeof setTimeout> | undefined;
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const onEvent = (event: MessageEvent<string>) => {
      // A busy directorate sends many events: one refresh of the data per half second at most.
      refresh ??= setTimeout(() => {
        refresh = undefined;
        void client.invalidateQueries({ queryKey: AGENT_KEY });
      }, 500);
      try {
        handler.current?.({ ...(JSON.parse(event.data) as LiveFrame), type: event.type });
      } catch {
        // A frame we cannot read still refreshes the data.
      }
    };
    for (const type of EVENT_TYPES) source.addEventListener(type, onEvent);
    source.onopen = () => setConnected(true);
    source.onerror = () => {
      setConnected(false);
      if (source.readyState !== EventSource.CLOSED) return; // the browser reconnects by itself, with Last-Event-ID
      // Refused for good (401): reading the data through the API client renews the session, then a new stream.
      reopen = setTimeout(() => {
        void client.invalidateQueries({ queryKey: AGENT_KEY }).finally(() => setGeneration((g) => g + 1));
      }, 5_000);
    };
    return () => {
      clearTimeout(refresh);
      clearTimeout(reopen);
      source.close();
    };
  }, [client, generation]);
  return { connected };
}
