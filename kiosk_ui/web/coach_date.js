// The coach's date field is the shared one (date_field.js): the desk uses it too, and /coach_*
// assets are served on coach devices only.
export * from './date_field.js';
