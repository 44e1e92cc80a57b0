// The benchmark's peer comes without type declarations; it is driven through a few calls only.
declare module 'pouchdb';
declare module 'pouchdb-browser';
declare module 'express-pouchdb';
declare module 'express';
