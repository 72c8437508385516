import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import type { AnalysisService } from './analysis/service';
import type { Shared } from './state/permalink';
import { App } from './App';

export function mount(root: HTMLElement, service: AnalysisService, shared: Shared): void {
  createRoot(root).render(
    <StrictMode>
      <App service={service} shared={shared} />
    </StrictMode>,
  );
}
