/** Reading the text files people and agents hand maildrift: bounded, strict UTF-8, errors without content. */
package org.maildrift.files;
