/** The catalogue of every rule, and the engine that runs them all. */
package org.maildrift.rules.catalog;
