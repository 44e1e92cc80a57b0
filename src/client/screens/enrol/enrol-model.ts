// Where the sync benchmark's engine-alone target (../shared/bench-peer, targets/nastavnik/node.mjs)
// finds the enrolment call: it bundles the client's modules by path, and this one moved to models/.
/** @public */
export { enrolWithCode } from '../../models/enrol-model';
