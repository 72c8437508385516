/**
 * Entry point, kept small on purpose: it reads the link, starts the analysis worker on the linked (or default)
 * source at once, and only then loads the editor and the views (the big chunk), so the first verdict does not
 * wait for Monaco.
 */
import { AnalysisService } from './analysis/service';
import { decodeShared } from './state/permalink';
import { sharedDefaults } from './state/store';
import { DEFAULT_SOURCE } from './sample';
import './styles.css';

const shared = decodeShared(location.hash) ?? sharedDefaults(DEFAULT_SOURCE);
const service = new AnalysisService();
// Monaco's first model has version 1: the editor will report the same source under the same version.
service.submit({ source: shared.source, version: 1, overrides: shared.overrides });

void import('./mount').then(({ mount }) => mount(document.getElementById('root')!, service, shared));
