<#assign subject><#if lead.firstName??>${lead.firstName}, el<#else>El</#if> caso de un equipo comercial que respondía tarde a sus leads</#assign>
Hola<#if lead.firstName??> ${lead.firstName}</#if>:

<#include "_opening.es.ftl">
Como responsable comercial<#if lead.company??> en ${lead.company}</#if>, sabes que un lead que espera un día para recibir respuesta ya está hablando con tu competencia.

Te comparto un caso práctico que quizá te resulte cercano, «${content.title}»: un equipo de ventas B2B que tardaba más de 24 horas en contactar a cada lead nuevo. Al acordar con marketing un acuerdo de servicio claro (primer intento en menos de cuatro horas y cinco intentos en dos semanas), duplicó las reuniones con el mismo volumen de contactos:
${content.url}

Junto al caso va la plantilla de secuencia que usaron, lista para adaptar a tu proceso y a tus vendedores. No incluye precios ni propuestas; es para que evalúes con tu equipo si el enfoque encaja.

¿Cuánto tarda hoy tu equipo en hacer el primer contacto con un lead nuevo?

--
Un saludo,
${rep.name}
${rep.email}

Si prefieres no recibir más correos, date de baja aquí: ${unsubscribeUrl}
